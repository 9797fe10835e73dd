import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, getNodeValue, type JSONPath, type Node } from 'jsonc-parser';
import type { Problem } from '../problem';
import type { JsonDocument } from './jsonDocument';
import { formatJsonPath } from './jsonPositions';
import { closestWord } from './spelling';
import rubricSchema from './rubric.schema.json';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true });
    // Keywords VS Code understands; declared so ajv's strict mode accepts the same file the editor uses.
    ajv.addVocabulary(['patternErrorMessage', 'markdownEnumDescriptions']);
    compiled = ajv.compile(rubricSchema);
  }
  return compiled;
}

/**
 * Checks the document against the rubric JSON Schema and places each error at its node.
 * Kind-dependent rules (`then` branches) are left to the semantic checks, which say them more plainly.
 */
export function schemaProblems(doc: JsonDocument): Problem[] {
  if (!doc.root) return [];
  const validate = validator();
  if (validate(getNodeValue(doc.root))) return [];
  const problems: Problem[] = [];
  for (const err of validate.errors ?? []) {
    if (err.keyword === 'if' || err.schemaPath.includes('/then/')) continue;
    problems.push(toProblem(doc, doc.root, err));
  }
  return problems;
}

function toProblem(doc: JsonDocument, root: Node, err: ErrorObject): Problem {
  const path = pointerToPath(root, err.instancePath);
  const node = findNodeAtLocation(root, path) ?? root;
  const field = (extra?: string): string | undefined => formatJsonPath(extra === undefined ? path : [...path, extra]) || undefined;
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return doc.problemAtOffset(node.offset, `missing required field "${missing}"`, 'missing-field', field(missing));
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const keyNode = findNodeAtLocation(root, [...path, extra])?.parent?.children?.[0] ?? node;
      const known = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = closestWord(extra, known);
      const hint = guess ? `; did you mean "${guess}"?` : `; known fields: ${known.join(', ')}`;
      return doc.problemAtOffset(keyNode.offset, `unknown field "${extra}"${hint}`, 'unknown-field', field(extra));
    }
    default:
      return doc.problemAtOffset(node.offset, describe(err), `schema-${err.keyword}`, field());
  }
}

function describe(err: ErrorObject): string {
  const params = err.params as Record<string, unknown>;
  const parent: Record<string, unknown> | undefined = err.parentSchema;
  switch (err.keyword) {
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : [String(params.type)];
      return `must be ${types.map(article).join(' or ')}`;
    }
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return typeof parent?.patternErrorMessage === 'string' ? parent.patternErrorMessage : `must match ${String(params.pattern)}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must have at least ${String(params.limit)} characters`;
    case 'minItems':
      return `must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'minimum':
      return `must be at least ${String(params.limit)}`;
    case 'exclusiveMinimum':
      return `must be greater than ${String(params.limit)}`;
    default:
      return err.message ?? `fails the schema rule "${err.keyword}"`;
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'true or false',
    object: 'an object',
    array: 'an array',
    null: 'null',
  };
  return names[type] ?? type;
}

/**
 * `/axes/0/label` -> ['axes', 0, 'label'] (RFC 6901 escapes undone). A token is an index only where the
 * tree holds an array, so an object key such as "0" stays a key.
 */
function pointerToPath(root: Node, pointer: string): JSONPath {
  if (pointer === '') return [];
  const path: JSONPath = [];
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const container = findNodeAtLocation(root, path);
    path.push(container?.type === 'array' ? Number(token) : token);
  }
  return path;
}

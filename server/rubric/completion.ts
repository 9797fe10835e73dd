import { findNodeAtLocation, getLocation, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import { enumDescription, schemaAt, type SchemaNode } from './schemaDocs';
import { member } from './semanticChecks';
import { AXIS_KINDS, type AxisKind } from './types';

/** One completion proposal; `insertText` replaces the text from `replaceStart` to `replaceEnd`. */
export interface RubricCompletion {
  label: string;
  kind: 'field' | 'value' | 'snippet';
  insertText: string;
  /** True when `insertText` uses snippet syntax (`$1`, `${1|a,b|}`). */
  isSnippet: boolean;
  detail?: string;
  documentation?: string;
  replaceStart: number;
  replaceEnd: number;
}

/**
 * Completions at `offset` in a rubric file: the fields an object may still take, the values a field
 * allows (axis kinds, true/false), and templates for a new axis or choice.
 */
export function rubricCompletionsAt(text: string, offset: number): RubricCompletion[] {
  const location = getLocation(text, offset);
  const prev = location.previousNode;
  const [replaceStart, replaceEnd] =
    prev && offset >= prev.offset && offset <= prev.offset + prev.length ? [prev.offset, prev.offset + prev.length] : [offset, offset];
  const range = { replaceStart, replaceEnd };
  const root = parseTree(text);
  if (location.isAtPropertyKey) return fieldCompletions(root, location.path.slice(0, -1), range);
  return valueCompletions(root, location.path, range);
}

type Range = Pick<RubricCompletion, 'replaceStart' | 'replaceEnd'>;

function fieldCompletions(root: Node | undefined, objectPath: JSONPath, range: Range): RubricCompletion[] {
  const schema = schemaAt(objectPath);
  if (!schema?.properties) return [];
  const object = root && findNodeAtLocation(root, objectPath);
  const present = new Set((object?.children ?? []).map((p) => p.children?.[0]?.value as unknown));
  return Object.entries(schema.properties)
    .filter(([name]) => name !== '$schema' && !present.has(name))
    .map(([name, field]) => {
      const item: RubricCompletion = {
        label: name,
        kind: 'field',
        insertText: `"${name}": ${valueTemplate(field)}`,
        isSnippet: true,
        detail: schema.required?.includes(name) ? 'required' : 'optional',
        ...range,
      };
      if (field.description) item.documentation = field.description;
      return item;
    });
}

function valueCompletions(root: Node | undefined, path: JSONPath, range: Range): RubricCompletion[] {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof last === 'number' && parent === 'axes') return AXIS_KINDS.map((kind) => axisSnippet(kind, range));
  if (typeof last === 'number' && parent === 'choices') return [choiceSnippet(range)];
  if (last === 'value' && path[path.length - 3] === 'choices' && axisKindAt(root, path.slice(0, -3)) === 'boolean') {
    return booleanValues(range);
  }
  const schema = schemaAt(path);
  if (schema?.enum) {
    return schema.enum.map((v) => {
      const item: RubricCompletion = { label: String(v), kind: 'value', insertText: JSON.stringify(v), isSnippet: false, ...range };
      const doc = enumDescription(schema, v);
      if (doc) item.documentation = doc;
      return item;
    });
  }
  if (schema?.type === 'boolean') return booleanValues(range);
  return [];
}

function booleanValues(range: Range): RubricCompletion[] {
  return ['true', 'false'].map((v) => ({ label: v, kind: 'value', insertText: v, isSnippet: false, ...range }));
}

function axisKindAt(root: Node | undefined, axisPath: JSONPath): AxisKind | undefined {
  const kind = member(root && findNodeAtLocation(root, axisPath), 'kind')?.value as unknown;
  return AXIS_KINDS.find((k) => k === kind);
}

function valueTemplate(field: SchemaNode): string {
  if (field.enum) return `"\${1|${field.enum.map(String).join(',')}|}"`;
  if (field.$ref || field.type === 'object') return '{$1}';
  switch (Array.isArray(field.type) ? field.type[0] : field.type) {
    case 'string':
      return '"$1"';
    case 'boolean':
      return '${1|true,false|}';
    case 'array':
      return '[$1]';
    default:
      return '$1';
  }
}

function axisSnippet(kind: AxisKind, range: Range): RubricCompletion {
  const body: Record<AxisKind, string> = {
    ordinal: '"choices": [\n\t{ "value": "${4:low}", "label": "${5:Low}", "key": "1" },\n\t{ "value": "${6:high}", "label": "${7:High}", "key": "2" }\n]',
    nominal: '"choices": [\n\t{ "value": "${4:a}", "label": "${5:A}", "key": "1" },\n\t{ "value": "${6:b}", "label": "${7:B}", "key": "2" }\n]',
    interval: '"min": ${4:0},\n"max": ${5:10},\n"step": ${6:1}',
    boolean: '"choices": [\n\t{ "value": true, "label": "Yes", "key": "y" },\n\t{ "value": false, "label": "No", "key": "n" }\n]',
    text: '"maxLength": ${4:2000}',
  };
  return {
    label: `${kind} axis`,
    kind: 'snippet',
    insertText: `{\n"id": "$1",\n"label": "$2",\n"description": "$3",\n"kind": "${kind}",\n${body[kind]}\n}`,
    isSnippet: true,
    detail: `New ${kind} axis`,
    ...range,
  };
}

function choiceSnippet(range: Range): RubricCompletion {
  return {
    label: 'choice',
    kind: 'snippet',
    insertText: '{ "value": $1, "label": "$2", "key": "$3" }',
    isSnippet: true,
    detail: 'New choice',
    ...range,
  };
}

import type { JSONPath } from 'jsonc-parser';
import rubricSchema from './rubric.schema.json';

/** The parts of a JSON Schema node that hovers and completions read. */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  $ref?: string;
}

const root = rubricSchema as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

/**
 * The schema that describes the value at `path` in a rubric document, or undefined where the schema
 * says nothing. The schema file is the single source of the field descriptions: editors show the same
 * text from it when the extension registers it.
 */
export function schemaAt(path: JSONPath): SchemaNode | undefined {
  let node: SchemaNode | undefined = resolve(root);
  for (const seg of path) {
    if (!node) return undefined;
    node = resolve(typeof seg === 'number' ? node.items : node.properties?.[seg]);
  }
  return node;
}

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref;
  if (!ref) return node;
  const name = ref.replace(/^#\/definitions\//, '');
  return root.definitions[name];
}

/** Markdown description of each enum value, when the schema gives one. */
export function enumDescription(schema: SchemaNode, value: unknown): string | undefined {
  const i = schema.enum?.indexOf(value) ?? -1;
  return i >= 0 ? schema.markdownEnumDescriptions?.[i] : undefined;
}

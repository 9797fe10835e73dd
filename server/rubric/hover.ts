import { findNodeAtOffset, getNodePath, getNodeValue, parseTree, type Node } from 'jsonc-parser';
import { enumDescription, schemaAt } from './schemaDocs';
import { member } from './semanticChecks';

/** Hover content with the character range it applies to (offsets into the text). */
export interface RubricHover {
  markdown: string;
  start: number;
  end: number;
}

/**
 * What to show when the pointer rests at `offset` in a rubric file: the meaning of a field from the
 * schema, the meaning of an axis kind, or for an axis id or a choice value what the rater will see.
 * Works on half-typed documents: it reads whatever the tolerant parser recovered.
 */
export function rubricHoverAt(text: string, offset: number): RubricHover | null {
  const root = parseTree(text);
  const node = root && findNodeAtOffset(root, offset, true);
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'property') return null;
  const path = getNodePath(node);
  const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  const markdown = isKey ? fieldHover(path) : valueHover(node, path);
  return markdown ? { markdown, start: node.offset, end: node.offset + node.length } : null;
}

function fieldHover(path: (string | number)[]): string | undefined {
  const schema = schemaAt(path);
  const name = path[path.length - 1];
  if (!schema?.description || typeof name !== 'string') return undefined;
  return `**${name}**\n\n${schema.description}`;
}

function valueHover(node: Node, path: (string | number)[]): string | undefined {
  const last = path[path.length - 1];
  const parentName = path[path.length - 3];
  if (last === 'kind' && typeof node.value === 'string') {
    const schema = schemaAt(path);
    const text = schema && enumDescription(schema, node.value);
    return text ? `**${node.value}**\n\n${text}` : undefined;
  }
  if (last === 'value' && parentName === 'choices') return choiceHover(node);
  if (last === 'id' && path[0] === 'axes' && path.length === 3) return axisHover(node.parent?.parent);
  return fieldHover(path);
}

function choiceHover(valueNode: Node): string | undefined {
  const choice = valueNode.parent?.parent;
  const axis = choice?.parent?.parent?.parent;
  const label = member(choice, 'label')?.value as unknown;
  if (typeof label !== 'string') return undefined;
  const axisLabel = member(axis, 'label')?.value as unknown;
  const lines = [`**${label}**${typeof axisLabel === 'string' ? ` (${axisLabel})` : ''}`];
  const description = member(choice, 'description')?.value as unknown;
  if (typeof description === 'string') lines.push(description);
  const key = member(choice, 'key')?.value as unknown;
  if (typeof key === 'string') lines.push(`Shortcut: \`${key}\``);
  lines.push(`Stored as \`${JSON.stringify(valueNode.value)}\``);
  return lines.join('\n\n');
}

function axisHover(axis: Node | undefined): string | undefined {
  const value = axis ? (getNodeValue(axis) as Record<string, unknown>) : undefined;
  if (!value || typeof value.label !== 'string') return undefined;
  const lines = [`**${value.label}**${typeof value.kind === 'string' ? ` (${value.kind})` : ''}`];
  if (typeof value.description === 'string') lines.push(value.description);
  if (Array.isArray(value.choices)) {
    const items = (value.choices as unknown[])
      .filter((c): c is { value: unknown; label: unknown } => typeof c === 'object' && c !== null && 'label' in c)
      .map((c) => `- ${String(c.label)} (\`${JSON.stringify(c.value)}\`)`);
    if (items.length) lines.push(items.join('\n'));
  }
  return lines.join('\n\n');
}

import type { Node } from 'jsonc-parser';
import type { Problem } from '../problem';
import type { JsonDocument } from './jsonDocument';
import { AXIS_KINDS, OVERALL_MAX, OVERALL_MIN, RESERVED_AXIS_IDS, type AxisKind } from './types';

/**
 * Rules a JSON Schema cannot say well: uniqueness across siblings, values that must match the axis
 * kind, ranges that depend on other fields. Runs on the syntax tree so each problem has a position,
 * and tolerates any shape (the schema check reports shape errors).
 */
export function semanticProblems(doc: JsonDocument): Problem[] {
  const out: Problem[] = [];
  const root = doc.root;
  if (root?.type !== 'object') return out;
  const axes = member(root, 'axes');
  if (axes?.type === 'array') {
    checkUnique(doc, out, (axes.children ?? []).map((a) => member(a, 'id')), 'axis id', 'duplicate-axis-id');
    for (const axis of axes.children ?? []) if (axis.type === 'object') checkAxis(doc, out, axis);
  }
  const overall = member(root, 'overall');
  if (overall?.type === 'object') checkOverall(doc, out, overall);
  return out;
}

function checkAxis(doc: JsonDocument, out: Problem[], axis: Node): void {
  const id = member(axis, 'id');
  if (id?.type === 'string' && RESERVED_AXIS_IDS.includes(String(id.value))) {
    out.push(doc.problemAtNode(id, `"${String(id.value)}" is reserved for the rubric's own ${String(id.value)} field; choose another axis id`, 'reserved-axis-id'));
  }
  const kindNode = member(axis, 'kind');
  const kind = kindNode && AXIS_KINDS.includes(kindNode.value as AxisKind) ? (kindNode.value as AxisKind) : undefined;
  const choices = member(axis, 'choices');
  const choiceNodes = choices?.type === 'array' ? (choices.children ?? []).filter((c) => c.type === 'object') : [];
  checkChoiceLists(doc, out, choiceNodes);
  if (!kind) return;
  checkInapplicableFields(doc, out, axis, kind);
  checkHarmFlag(doc, out, axis, kind);
  switch (kind) {
    case 'ordinal':
    case 'nominal':
      checkCategorical(doc, out, axis, kind, choices, choiceNodes);
      break;
    case 'boolean':
      checkBoolean(doc, out, choices, choiceNodes);
      break;
    case 'interval':
      checkInterval(doc, out, axis, choiceNodes);
      break;
    case 'text':
      if (choices) out.push(doc.problemAtNode(choices, 'text axes have no choices; these are ignored', 'inapplicable-field', 'warning'));
      break;
  }
}

function checkCategorical(doc: JsonDocument, out: Problem[], axis: Node, kind: AxisKind, choices: Node | undefined, choiceNodes: Node[]): void {
  if (!choices) {
    out.push(doc.problemAtNode(axis, `a ${kind} axis needs "choices"`, 'missing-field'));
    return;
  }
  if (choices.type === 'array' && choiceNodes.length < 2) {
    out.push(doc.problemAtNode(choices, `a ${kind} axis needs at least 2 choices`, 'too-few-choices'));
  }
  const values = choiceNodes.map((c) => member(c, 'value')).filter((v): v is Node => v !== undefined);
  const firstType = values.find((v) => v.type === 'string' || v.type === 'number')?.type;
  for (const v of values) {
    if (v.type === 'boolean') {
      out.push(doc.problemAtNode(v, `${kind} axes take string or number values; use "kind": "boolean" for yes/no`, 'value-kind-mismatch'));
    } else if ((v.type === 'string' || v.type === 'number') && v.type !== firstType) {
      // Mixed types make "1" and 1 two different categories in exports and agreement.
      out.push(doc.problemAtNode(v, `all values of an axis must have one type; the first value is a ${String(firstType)}`, 'mixed-value-types'));
    }
  }
}

function checkBoolean(doc: JsonDocument, out: Problem[], choices: Node | undefined, choiceNodes: Node[]): void {
  if (!choices) return;
  const values = choiceNodes.map((c) => member(c, 'value')).filter((v): v is Node => v !== undefined);
  for (const v of values) {
    if (v.type !== 'boolean') out.push(doc.problemAtNode(v, 'boolean axes take the values true and false', 'value-kind-mismatch'));
  }
  const labelled = new Set(values.filter((v) => v.type === 'boolean').map((v) => v.value as boolean));
  if (values.every((v) => v.type === 'boolean') && (!labelled.has(true) || !labelled.has(false))) {
    out.push(doc.problemAtNode(choices, 'boolean choices must label both true and false', 'incomplete-boolean-choices'));
  }
}

function checkInterval(doc: JsonDocument, out: Problem[], axis: Node, choiceNodes: Node[]): void {
  const minNode = member(axis, 'min');
  const maxNode = member(axis, 'max');
  for (const [name, node] of [['min', minNode], ['max', maxNode]] as const) {
    if (!node) out.push(doc.problemAtNode(axis, `an interval axis needs "${name}"`, 'missing-field'));
  }
  const min = minNode?.type === 'number' ? (minNode.value as number) : undefined;
  const max = maxNode?.type === 'number' ? (maxNode.value as number) : undefined;
  if (min !== undefined && max !== undefined && maxNode && !(min < max)) {
    out.push(doc.problemAtNode(maxNode, `"max" (${max}) must be greater than "min" (${min})`, 'empty-range'));
    return; // every anchor would also be "out of range": one problem says it
  }
  const stepNode = member(axis, 'step');
  const step = stepNode?.type === 'number' && (stepNode.value as number) > 0 ? (stepNode.value as number) : undefined;
  for (const c of choiceNodes) {
    const v = member(c, 'value');
    if (!v) continue;
    if (v.type !== 'number') {
      out.push(doc.problemAtNode(v, 'interval axes take numeric values', 'value-kind-mismatch'));
      continue;
    }
    const value = v.value as number;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      out.push(doc.problemAtNode(v, `${value} is outside the axis range ${String(min)}..${String(max)}`, 'value-out-of-range'));
    } else if (step !== undefined && min !== undefined && !onStep(value, min, step)) {
      out.push(doc.problemAtNode(v, `${value} is not on the axis grid (${min} + multiples of ${step})`, 'value-off-step'));
    }
  }
}

function checkOverall(doc: JsonDocument, out: Problem[], overall: Node): void {
  const choices = member(overall, 'choices');
  const choiceNodes = choices?.type === 'array' ? (choices.children ?? []).filter((c) => c.type === 'object') : [];
  checkChoiceLists(doc, out, choiceNodes);
  for (const c of choiceNodes) {
    const v = member(c, 'value');
    if (v && !(v.type === 'number' && Number.isInteger(v.value) && (v.value as number) >= OVERALL_MIN && (v.value as number) <= OVERALL_MAX)) {
      out.push(doc.problemAtNode(v, `the overall score takes the whole numbers ${OVERALL_MIN} to ${OVERALL_MAX}`, 'value-out-of-range'));
    }
  }
}

/** Duplicate values and shortcut keys would make a choice unreachable; duplicate labels only confuse. */
function checkChoiceLists(doc: JsonDocument, out: Problem[], choiceNodes: Node[]): void {
  checkUnique(doc, out, choiceNodes.map((c) => member(c, 'value')), 'choice value', 'duplicate-choice-value');
  // Keys are compared without case: Shift should not be needed to tell two choices apart.
  checkUnique(doc, out, choiceNodes.map((c) => member(c, 'key')), 'shortcut key', 'duplicate-shortcut-key', (v) => String(v).toLowerCase());
  checkUnique(doc, out, choiceNodes.map((c) => member(c, 'label')), 'choice label', 'duplicate-choice-label', undefined, 'warning');
}

function checkInapplicableFields(doc: JsonDocument, out: Problem[], axis: Node, kind: AxisKind): void {
  const ownedBy: Record<string, AxisKind> = { min: 'interval', max: 'interval', step: 'interval', maxLength: 'text' };
  for (const [field, owner] of Object.entries(ownedBy)) {
    const node = member(axis, field);
    if (node && kind !== owner) {
      out.push(doc.problemAtNode(node, `"${field}" is used only by ${owner} axes; it is ignored on a ${kind} axis`, 'inapplicable-field', 'warning'));
    }
  }
}

/** A harm rate needs a harmless end of the scale; unordered categories and free text have none. */
function checkHarmFlag(doc: JsonDocument, out: Problem[], axis: Node, kind: AxisKind): void {
  const harm = member(axis, 'harm');
  if (harm?.type !== 'boolean' || harm.value !== true) return;
  if (kind === 'nominal' || kind === 'text') {
    out.push(doc.problemAtNode(harm, `a ${kind} axis has no harmless end of its scale, so it cannot be a harm axis; use an ordinal axis with the harmless choice first`, 'harm-needs-order'));
  }
}

function checkUnique(
  doc: JsonDocument,
  out: Problem[],
  nodes: (Node | undefined)[],
  what: string,
  code: string,
  keyOf: (value: unknown) => string = (v) => JSON.stringify(v),
  severity: 'error' | 'warning' = 'error',
): void {
  const seen = new Map<string, Node>();
  for (const node of nodes) {
    if (!node || !['string', 'number', 'boolean'].includes(node.type)) continue;
    const key = keyOf(node.value);
    const first = seen.get(key);
    if (first) {
      const { line } = doc.position(first.offset);
      out.push(doc.problemAtNode(node, `duplicate ${what} ${JSON.stringify(node.value)} (first at line ${line})`, code, severity));
    } else {
      seen.set(key, node);
    }
  }
}

/** The value node of property `name` of an object node (the last one if repeated, as parsing keeps). */
export function member(node: Node | undefined, name: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  let found: Node | undefined;
  for (const prop of node.children ?? []) {
    if (prop.children?.[0]?.value === name) found = prop.children[1];
  }
  return found;
}

/** Tolerates binary fractions: 0.1 steps from 0 must accept 0.3. */
export function onStep(value: number, min: number, step: number): boolean {
  const n = (value - min) / step;
  return Math.abs(n - Math.round(n)) < 1e-9 * Math.max(1, Math.abs(n));
}

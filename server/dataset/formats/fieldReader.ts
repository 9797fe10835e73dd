import type { Problem, ProblemSeverity } from '../../problem';
import type { SourceRecord } from '../containers/sourceRecord';

type Path = readonly (string | number)[];

/**
 * Typed access to one record's fields. Every wrong or missing field becomes a Problem that points at
 * the field's value (or, when it is missing, at the record), so all formats word and place them alike.
 */
export class FieldReader {
  readonly problems: Problem[] = [];
  readonly fields: Record<string, unknown>;

  constructor(readonly file: string, readonly record: SourceRecord) {
    const v = record.value;
    this.fields = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  }

  get isObject(): boolean {
    const v = this.record.value;
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }

  /** Present and not empty: JSON null and an empty CSV cell count as absent. */
  has(key: string): boolean {
    const v = this.fields[key];
    return v !== undefined && v !== null && !(this.record.textCells && v === '');
  }

  /** The first of `keys` that is present. */
  firstPresent(keys: readonly string[]): string | undefined {
    return keys.find((k) => this.has(k));
  }

  string(key: string, required = false): string | undefined {
    if (!this.has(key)) {
      if (required) this.missing(key);
      return undefined;
    }
    const v = this.fields[key];
    if (typeof v !== 'string') return this.wrongType([key], 'a string', v);
    if (required && v.trim() === '') {
      this.report([key], 'empty-field', `'${key}' is empty`);
      return undefined;
    }
    return v;
  }

  /** A string or a number, as ids come (PubMed ids are numbers in some exports). */
  id(key: string): string | undefined {
    if (!this.has(key)) return undefined;
    const v = this.fields[key];
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') return this.wrongType([key], 'a string or a number', v);
    if (v.trim() === '') {
      this.report([key], 'empty-field', `'${key}' is empty`);
      return undefined;
    }
    return v.trim();
  }

  number(path: Path, value: unknown = this.valueAt(path)): number | undefined {
    if (value === undefined || value === null || (this.record.textCells && value === '')) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && this.record.textCells && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return this.wrongType(path, 'a number', value);
  }

  boolean(key: string): boolean | undefined {
    if (!this.has(key)) return undefined;
    const v = this.fields[key];
    if (typeof v === 'boolean') return v;
    if (this.record.textCells && typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
    return this.wrongType([key], 'true or false', v);
  }

  /** A JSON object; in CSV, a cell holding a JSON object. */
  object(key: string, required = false): Record<string, unknown> | undefined {
    if (!this.has(key)) {
      if (required) this.missing(key);
      return undefined;
    }
    let v = this.fields[key];
    if (this.record.textCells && typeof v === 'string') v = parseJsonCell(v);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return this.wrongType([key], 'an object', v);
    return v as Record<string, unknown>;
  }

  stringArray(key: string): string[] | undefined {
    if (!this.has(key)) return undefined;
    const v = this.fields[key];
    if (!Array.isArray(v)) return this.wrongType([key], 'an array of strings', v);
    const bad = v.findIndex((x) => typeof x !== 'string');
    if (bad >= 0) return this.wrongType([key, bad], 'a string', v[bad]);
    return v as string[];
  }

  missing(key: string): void {
    this.report([key], 'missing-field', `missing field '${key}'`);
  }

  wrongType(path: Path, expected: string, actual: unknown): undefined {
    this.report(path, 'wrong-type', `'${pathText(path)}' must be ${expected}, not ${describe(actual)}`);
    return undefined;
  }

  report(path: Path, code: string, message: string, severity: ProblemSeverity = 'error'): void {
    const at = path.length > 0 ? this.record.locate(path) : { line: this.record.line, column: this.record.column };
    this.problems.push({ file: this.file, line: at.line, column: at.column, field: path.length > 0 ? pathText(path) : undefined, message, severity, code });
  }

  private valueAt(path: Path): unknown {
    let v: unknown = this.fields;
    for (const step of path) v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[step] : undefined;
    return v;
  }
}

export function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function parseJsonCell(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 40 ? `the text "${v.slice(0, 37)}..."` : `the text "${v}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${v}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

import { getNodePath, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Problem, ProblemSeverity } from '../problem';
import { formatJsonPath, LineIndex } from './jsonPositions';

/** A parsed JSON text that can place a problem at any of its nodes. */
export class JsonDocument {
  readonly root: Node | undefined;
  readonly problems: Problem[] = [];
  private readonly lines: LineIndex;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lines = new LineIndex(text);
    const errors: ParseError[] = [];
    // Strict JSON: editors, Python and every other tool reading the file would reject comments too.
    this.root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    for (const e of errors) this.problems.push(this.problemAtOffset(e.offset, syntaxMessage(printParseErrorCode(e.error)), 'json-syntax'));
    if (this.root) this.reportDuplicateKeys(this.root);
  }

  problemAtOffset(offset: number, message: string, code: string, field?: string, severity: ProblemSeverity = 'error'): Problem {
    const { line, column } = this.lines.position(offset);
    const p: Problem = { file: this.file, line, column, message, severity, code };
    if (field) p.field = field;
    return p;
  }

  /** A problem at a node, with the node's JSON path as the field. */
  problemAtNode(node: Node, message: string, code: string, severity: ProblemSeverity = 'error'): Problem {
    const path = getNodePath(node);
    return this.problemAtOffset(node.offset, message, code, formatJsonPath(path) || undefined, severity);
  }

  position(offset: number): { line: number; column: number } {
    return this.lines.position(offset);
  }

  /** jsonc-parser keeps both copies of a repeated key and the value silently becomes the last one. */
  private reportDuplicateKeys(node: Node): void {
    if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0];
        if (!key || typeof key.value !== 'string') continue;
        const first = seen.get(key.value);
        if (first) {
          const where = this.lines.position(first.offset);
          this.problems.push(this.problemAtNode(key, `duplicate key "${key.value}" (first at line ${where.line}); the last one would win`, 'duplicate-key'));
        } else {
          seen.set(key.value, key);
        }
      }
    }
    for (const child of node.children ?? []) this.reportDuplicateKeys(child);
  }
}

function syntaxMessage(code: string): string {
  const messages: Record<string, string> = {
    InvalidSymbol: 'invalid symbol',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name expected (in double quotes)',
    ValueExpected: 'value expected',
    ColonExpected: "':' expected",
    CommaExpected: "',' expected",
    CloseBraceExpected: "'}' expected",
    CloseBracketExpected: "']' expected",
    EndOfFileExpected: 'end of file expected: only one JSON value is allowed',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return `JSON syntax: ${messages[code] ?? code}`;
}

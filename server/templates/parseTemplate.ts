import { basename } from 'node:path';
import type { Problem } from '../problem';
import { findFrontMatter } from './frontMatter';
import { readFrontMatterFields, type TemplateFields } from './frontMatterFields';
import { templateHash } from './hash';
import { closestPlaceholder, placeholderInfo, scanPlaceholders } from './placeholders';
import { problemAt } from './sourcePosition';
import type { PromptTemplate, TemplateMode } from './types';

export interface ParsedTemplate {
  /** Absent when the front matter or its `mode` is missing or unreadable; present (maybe with problems) otherwise. */
  template?: PromptTemplate;
  /** Everything wrong, with exact positions: the language server's diagnostics. */
  problems: Problem[];
}

const OPENED_THINK_AT_END = /<(think|thinking)>\s*$/i;

function defaultId(file: string): string {
  return basename(file).replace(/\.prompt\.md$/i, '').replace(/\.md$/i, '') || 'template';
}

/** The body as sent: `\n` line endings and without the file's final newline (an editor's, not the author's). */
function normalisedBody(raw: string): string {
  return raw.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

function bodyProblems(text: string, file: string, bodyStart: number): Problem[] {
  const raw = text.slice(bodyStart);
  const scan = scanPlaceholders(raw);
  const problems: Problem[] = [];
  for (const at of scan.unclosed) problems.push(problemAt(file, text, bodyStart + at, 'error', 'unclosed-placeholder', '`{{` is not closed with `}}` on the same line'));
  for (const use of scan.uses) {
    if (placeholderInfo(use.name)) continue;
    const hint = closestPlaceholder(use.name);
    const message = `unknown placeholder '{{${use.name}}}'${hint ? `; did you mean '{{${hint}}}'?` : ''} (known: question, options, letters, context)`;
    problems.push(problemAt(file, text, bodyStart + use.nameStart, 'error', 'unknown-placeholder', message, use.name));
  }
  if (!scan.uses.some((u) => u.name === 'question')) {
    problems.push(problemAt(file, text, bodyStart, 'error', 'missing-question', 'the body never uses {{question}}, so every prompt would be the same'));
  }
  return problems;
}

function modeProblems(text: string, file: string, yamlStart: number, fields: TemplateFields, mode: TemplateMode): Problem[] {
  const problems: Problem[] = [];
  const systemAt = fields.keyOffsets['system'];
  if (fields.system !== undefined && systemAt !== undefined) {
    if (mode === 'completion') problems.push(problemAt(file, text, yamlStart + systemAt, 'warning', 'system-ignored', 'a completion-mode prompt is sent as raw text: `system` is not sent; write the instruction into the body', 'system'));
    else if (fields.system.includes('{{')) problems.push(problemAt(file, text, yamlStart + systemAt, 'warning', 'placeholder-in-system', 'placeholders are filled in the body only; the system message is sent as written', 'system'));
  }
  return problems;
}

export function parseTemplate(text: string, file: string): ParsedTemplate {
  const block = findFrontMatter(text);
  if (!('yaml' in block)) return { problems: [problemAt(file, text, block.offset, 'error', block.code, block.message)] };
  const { fields, issues } = readFrontMatterFields(block.yaml);
  const problems = issues.map((i) => problemAt(file, text, block.yamlStart + i.offset, i.severity, i.code, i.message, i.field));
  const mode = fields.mode;
  if (!mode) {
    if (!issues.some((i) => i.field === 'mode')) problems.push(problemAt(file, text, block.openStart, 'error', 'missing-mode', 'front matter needs `mode: chat` or `mode: completion`', 'mode'));
    return { problems };
  }
  problems.push(...modeProblems(text, file, block.yamlStart, fields, mode), ...bodyProblems(text, file, block.bodyStart));
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  const body = normalisedBody(text.slice(block.bodyStart));
  const thinkOpenedByPrompt = fields.thinkOpenedByPrompt ?? (mode === 'completion' && OPENED_THINK_AT_END.test(body));
  const system = mode === 'chat' ? fields.system : undefined;
  const template: PromptTemplate = {
    id: fields.id ?? defaultId(file),
    file,
    description: fields.description,
    mode,
    system,
    stop: fields.stop,
    params: fields.params,
    body,
    bodyStart: block.bodyStart,
    thinkOpenedByPrompt,
    hash: templateHash({ mode, system, stop: fields.stop, params: fields.params, body, thinkOpenedByPrompt }),
  };
  return { template, problems };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

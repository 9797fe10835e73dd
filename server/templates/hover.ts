import type { Question } from '../dataset/model';
import { findFrontMatter } from './frontMatter';
import { FRONT_MATTER_FIELDS } from './frontMatterFields';
import { escapeMarkdown, fenced } from './markdownPreview';
import { parseTemplate } from './parseTemplate';
import { placeholderInfo, scanPlaceholders } from './placeholders';
import { renderTemplate } from './render';
import type { PromptTemplate } from './types';

export interface TemplateHover {
  markdown: string;
  /** The hovered range, as offsets into the text. */
  start: number;
  end: number;
}

function lineRange(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, end: nl < 0 ? text.length : nl };
}

/** The whole prompt as the server would receive it for this question. */
export function previewMarkdown(t: PromptTemplate, q: Question): string {
  const r = renderTemplate(t, q);
  const head = `**${escapeMarkdown(t.id)}** (${t.mode} mode, ${t.hash.slice(0, 19)}) for question ${escapeMarkdown(q.id)}`;
  const opened = r.thinkOpenedByPrompt ? '\n\nThe prompt opens `<think>`: the output starts inside the reasoning.' : '';
  if (r.mode === 'completion') return `${head}\n\n${fenced(r.prompt)}${opened}`;
  const parts = r.messages.map((m) => `*${m.role}*\n\n${fenced(m.content)}`);
  return `${head}\n\n${parts.join('\n\n')}${opened}`;
}

function frontMatterHover(text: string, offset: number): TemplateHover | undefined {
  const range = lineRange(text, offset);
  const key = /^\s*([A-Za-z_]+)\s*:/.exec(text.slice(range.start, range.end))?.[1];
  const spec = key ? FRONT_MATTER_FIELDS[key] : undefined;
  return key && spec ? { markdown: `**${key}**: ${spec.doc}`, ...range } : undefined;
}

function placeholderHover(text: string, offset: number, bodyStart: number, q: Question | undefined): TemplateHover | undefined {
  const use = scanPlaceholders(text.slice(bodyStart)).uses.find((u) => offset >= bodyStart + u.start && offset < bodyStart + u.end);
  const info = use ? placeholderInfo(use.name) : undefined;
  if (!use || !info) return undefined;
  const value = q ? `\n\nFor question ${escapeMarkdown(q.id)}:\n\n${fenced(info.value(q) || '(empty: the line is left out)')}` : '';
  return { markdown: `**{{${info.name}}}**: ${info.description}${value}`, start: bodyStart + use.start, end: bodyStart + use.end };
}

/**
 * Hover for a `*.prompt.md` document: a front-matter key's meaning, a placeholder's value for the current
 * question, or (anywhere else in the body) the whole rendered prompt for it.
 */
export function templateHover(text: string, offset: number, file: string, question?: Question): TemplateHover | undefined {
  const block = findFrontMatter(text);
  if (!('yaml' in block)) return undefined;
  if (offset < block.bodyStart) return frontMatterHover(text, offset);
  const onPlaceholder = placeholderHover(text, offset, block.bodyStart, question);
  if (onPlaceholder) return onPlaceholder;
  const { template } = parseTemplate(text, file);
  if (!template) return undefined;
  const markdown = question ? previewMarkdown(template, question) : 'Open a question in the MedReview panel to preview the rendered prompt here.';
  return { markdown, ...lineRange(text, offset) };
}

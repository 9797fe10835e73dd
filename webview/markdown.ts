import MarkdownIt from 'markdown-it';

/**
 * Markdown for untrusted text (model answers, dataset text). Raw HTML is escaped, links are shown but never
 * followed (no href at all, the target only in a tooltip), and images are replaced by their alt text so
 * nothing is fetched. The CSP would stop scripts anyway; this keeps the markup itself inert.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

md.renderer.rules.link_open = (tokens, idx) => {
  const href = String(tokens[idx]?.attrGet('href') ?? '');
  return `<span class="md-link" title="${md.utils.escapeHtml(href)}">`;
};
md.renderer.rules.link_close = () => '</span>';
md.renderer.rules.image = (tokens, idx) => {
  const alt = tokens[idx]?.content ?? '';
  return `<span class="md-image">[image: ${md.utils.escapeHtml(alt)}]</span>`;
};

/** Re-rendering a long answer on every keystroke would stall the panel; the last few renders are kept. */
const cache = new Map<string, string>();
const CACHE_SIZE = 64;

export function renderMarkdown(text: string): string {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const html = md.render(text);
  cache.set(text, html);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return html;
}

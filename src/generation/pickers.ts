import * as vscode from 'vscode';
import type { BatchModelChoice, EndpointView, TemplateChoice, TemplatesListResult } from '../../server/protocol';

/** The models an endpoint offers: the one its settings name, else what its server lists. */
function modelsOf(e: EndpointView): string[] {
  return e.model ? [e.model] : e.models;
}

function unreachableNote(endpoints: readonly EndpointView[]): string {
  const down = endpoints.filter((e) => e.reachable === false);
  return down.length ? ` (not reachable: ${down.map((e) => e.name).join(', ')}; see the MedReview log)` : '';
}

interface EndpointModelItem extends vscode.QuickPickItem {
  endpoint: string;
  /** Undefined: the model of the answer being regenerated (named by the server, so a blind rater is not told). */
  model?: string;
}

/**
 * Endpoint and model for one generation. When regenerating, "the answer's own model" comes first on every
 * endpoint that does not pin a model (a llama.cpp server answers to any model name), so it is one Enter, and
 * the picker never shows which model that is.
 */
export async function pickEndpointModel(endpoints: readonly EndpointView[], regenerating: boolean): Promise<{ endpoint: string; model?: string } | undefined> {
  const items: EndpointModelItem[] = [];
  for (const e of endpoints.filter((x) => x.reachable !== false)) {
    const slots = e.slots ? `, ${e.slots} slot${e.slots === 1 ? '' : 's'}` : '';
    const where = `${e.name} (${e.url}${slots})`;
    if (regenerating && !e.model) items.push({ label: '$(history) The same model as this answer', description: where, endpoint: e.name });
    for (const model of modelsOf(e)) items.push({ label: model, description: where, endpoint: e.name, model });
  }
  if (items.length === 0) {
    void vscode.window.showErrorMessage(`MedReview: no endpoint answered${unreachableNote(endpoints)}. Check medreview.endpoints and that the server runs.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'MedReview: Generate with', placeHolder: `Model and endpoint${unreachableNote(endpoints)}`, matchOnDescription: true });
  return picked && { endpoint: picked.endpoint, ...(picked.model !== undefined ? { model: picked.model } : {}) };
}

interface ModelItem extends vscode.QuickPickItem {
  choice: BatchModelChoice;
}

/** Models for a batch, each with every reachable endpoint that serves it (they share its work). */
export async function pickModels(endpoints: readonly EndpointView[]): Promise<BatchModelChoice[] | undefined> {
  const byModel = new Map<string, string[]>();
  for (const e of endpoints.filter((x) => x.reachable !== false)) for (const m of modelsOf(e)) byModel.set(m, [...(byModel.get(m) ?? []), e.name]);
  if (byModel.size === 0) {
    void vscode.window.showErrorMessage(`MedReview: no endpoint lists a model${unreachableNote(endpoints)}. Check medreview.endpoints and that the servers run.`);
    return undefined;
  }
  const items: ModelItem[] = [...byModel].map(([model, names]) => ({ label: model, description: `on ${names.join(', ')}`, picked: byModel.size === 1, choice: { model, endpoints: names } }));
  const picked = await vscode.window.showQuickPick(items, { title: 'MedReview: Generate answers with', placeHolder: `Models${unreachableNote(endpoints)}`, canPickMany: true });
  return picked && picked.length ? picked.map((p) => p.choice) : undefined;
}

interface TemplateItem extends vscode.QuickPickItem {
  ref: string;
}

function templateItem(t: TemplateChoice, defaultRef: string): TemplateItem {
  return { label: t.id, description: `${t.mode ?? ''} mode · ${t.ref}${t.ref === defaultRef ? ' (default)' : ''}`, detail: t.description, ref: t.ref, picked: t.ref === defaultRef };
}

/** Prompt templates: one, or several for a batch (answers of two templates can then be compared). Broken ones are left out. */
export async function pickTemplates(list: TemplatesListResult, many: boolean): Promise<string[] | undefined> {
  const usable = list.templates.filter((t) => t.errors.length === 0);
  const broken = list.templates.length - usable.length;
  const note = broken ? ` (${broken} workspace template${broken === 1 ? ' has' : 's have'} errors: see Problems)` : '';
  const items = usable.map((t) => templateItem(t, list.defaultTemplate)).sort((a, b) => Number(b.picked) - Number(a.picked));
  if (many) {
    const picked = await vscode.window.showQuickPick(items, { title: 'MedReview: Prompt templates', placeHolder: `Templates${note}`, canPickMany: true });
    return picked && picked.length ? picked.map((p) => p.ref) : undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'MedReview: Prompt template', placeHolder: `Template${note}` });
  return picked && [picked.ref];
}

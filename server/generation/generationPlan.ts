import type { GenerationParams } from '../dataset/model';
import type { ApiKind, Endpoint } from '../inference';
import type { OpenProject } from '../project/project';
import type { EndpointKeys, GenerateStartParams } from '../protocol';
import { StoreNotFoundError, type StoredQuestion } from '../store';
import { findEndpoint, readEndpointSettings, withKey } from './endpointSettings';
import { checkOverrides, chooseApi, GenerationParamsError, samplingParams } from './sampling';
import { DEFAULT_TEMPLATE_REF, loadTemplateRef, type TemplateSource } from './templateRefs';

/** Everything one generation needs, checked before anything is sent. */
export interface GenerationPlan {
  question: StoredQuestion;
  regenerates?: string;
  /** Undefined: read from the server first. */
  model?: string;
  endpoint: Endpoint;
  api: ApiKind;
  template: TemplateSource;
  params: GenerationParams;
  warnings: string[];
}

function optionalText(raw: Record<string, unknown>, key: string): string | undefined {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new GenerationParamsError(`${key}: expected a string, got ${JSON.stringify(v)}`);
  return v;
}

/** API keys as received: only string values count. */
export function checkKeys(raw: unknown): EndpointKeys {
  const out: EndpointKeys = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [name, key] of Object.entries(raw)) if (typeof key === 'string' && key !== '') out[name] = key;
  return out;
}

/** The question and default model: from the answer to regenerate, or the question named. */
async function target(p: OpenProject, answerId: string | undefined, questionId: string | undefined): Promise<{ question: StoredQuestion; model?: string }> {
  if (answerId !== undefined) {
    const [answer] = await p.store.getAnswers([answerId]);
    if (!answer) throw new StoreNotFoundError('answer', answerId);
    return { question: (await p.store.getQuestion(answer.questionUid)).question, model: answer.model };
  }
  if (questionId === undefined) throw new GenerationParamsError('answerId or questionId is required');
  return { question: (await p.store.getQuestion(questionId)).question };
}

/** Reads and checks a `generate/start` request (it crossed two process boundaries from the panel). */
export async function planGeneration(p: OpenProject, folders: readonly string[], params: GenerateStartParams): Promise<GenerationPlan> {
  if (typeof params !== 'object' || params === null) throw new GenerationParamsError('expected an object');
  const raw = params as unknown as Record<string, unknown>;
  const answerId = optionalText(raw, 'answerId');
  const { question, model: answerModel } = await target(p, answerId, optionalText(raw, 'questionId'));
  const configured = findEndpoint(readEndpointSettings(p.settings.endpoints), optionalText(raw, 'endpoint'));
  if (typeof configured === 'string') throw new GenerationParamsError(configured);
  const template = await loadTemplateRef(optionalText(raw, 'template') ?? p.settings.generation?.template ?? DEFAULT_TEMPLATE_REF, folders);
  const overrides = checkOverrides(raw['params']);
  return {
    question,
    ...(answerId !== undefined ? { regenerates: answerId } : {}),
    model: optionalText(raw, 'model') ?? answerModel ?? configured.endpoint.model,
    endpoint: withKey(configured, checkKeys(raw['keys'])),
    api: chooseApi(configured.api, template.template, configured.endpoint.name),
    template,
    params: samplingParams(template.template, p.settings.generation, overrides),
    warnings: configured.warnings,
  };
}

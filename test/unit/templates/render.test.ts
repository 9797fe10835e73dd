import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Question } from '../../../server/dataset/model';
import { builtinTemplate, parseTemplate, renderTemplate, type PromptTemplate } from '../../../server/templates';
import { sharedPath } from '../../helpers/shared';

/** The first MedQA row and the first PubMedQA item of the shared data, as questions. */
function medqaQuestion(): Question {
  const row = JSON.parse(readFileSync(sharedPath('data', 'medqa_usmle.jsonl'), 'utf8').split('\n')[0] ?? '') as { question: string; options: Record<string, string> };
  return { id: 'medqa-1', text: row.question, kind: 'multiple-choice', options: row.options, source: { file: 'medqa_usmle.jsonl', line: 1 } };
}

function pubmedQuestion(): Question {
  const all = JSON.parse(readFileSync(sharedPath('data', 'pubmedqa_pqal.json'), 'utf8')) as Record<string, { QUESTION: string; CONTEXTS: string[] }>;
  const [id, item] = Object.entries(all)[0] ?? [];
  return { id: id ?? '', text: item?.QUESTION ?? '', kind: 'yes-no-maybe', context: item?.CONTEXTS, source: { file: 'pubmedqa_pqal.json', line: 2 } };
}

function template(text: string): PromptTemplate {
  const { template: t, problems } = parseTemplate(text, 't.prompt.md');
  assert.ok(t, JSON.stringify(problems));
  return t;
}

describe('prompt template rendering', () => {
  it('medical-cot renders a MedQA question in the seed study shape, opening <think>', () => {
    const q = medqaQuestion();
    const r = renderTemplate(builtinTemplate('medical-cot'), q);
    assert.equal(r.mode, 'completion');
    if (r.mode !== 'completion') return;
    const options = Object.entries(q.options ?? {}).map(([k, v]) => `${k}. ${v}`).join('\n');
    assert.ok(r.prompt.includes(`### Question:\n${q.text}\n${options}\n\n### Response:\n<think>`));
    assert.ok(r.prompt.endsWith('<think>'));
    assert.equal(r.thinkOpenedByPrompt, true);
  });

  it('drops a line whose placeholders are all empty for the question (no options for an open question)', () => {
    const r = renderTemplate(builtinTemplate('medical-cot'), { ...medqaQuestion(), options: undefined, kind: 'open' });
    assert.ok(r.mode === 'completion' && r.prompt.includes(`### Question:\n${medqaQuestion().text}\n\n### Response:`));
  });

  it('chat mode: system then the user message, with PubMedQA contexts separated by blank lines', () => {
    const q = pubmedQuestion();
    const r = renderTemplate(builtinTemplate('plain-chat'), q);
    assert.equal(r.mode, 'chat');
    if (r.mode !== 'chat') return;
    assert.equal(r.messages[0]?.role, 'system');
    assert.equal(r.messages[1]?.content, `${(q.context ?? []).join('\n\n')}\n\n${q.text}`);
  });

  it('fills {{letters}} and keeps text around placeholders', () => {
    const t = template('---\nmode: chat\n---\nQ: {{question}}\nAnswer with one of {{letters}}.');
    const r = renderTemplate(t, medqaQuestion());
    assert.ok(r.mode === 'chat' && r.messages[0]?.content.endsWith(`Answer with one of ${Object.keys(medqaQuestion().options ?? {}).join(', ')}.`));
  });

  it('never expands placeholders that appear inside dataset text', () => {
    const q: Question = { id: 'x', text: 'What does {{options}} mean here? {{question}}', kind: 'open', source: { file: 'f', line: 1 } };
    const r = renderTemplate(template('---\nmode: completion\n---\n>> {{question}}'), q);
    assert.ok(r.mode === 'completion');
    assert.equal(r.mode === 'completion' ? r.prompt : '', '>> What does {{options}} mean here? {{question}}');
  });

  it('completion mode sends whitespace exactly as written', () => {
    const r = renderTemplate(template('---\nmode: completion\n---\n  Q:  {{question}}  \n\n\nA:'), medqaQuestion());
    assert.equal(r.mode === 'completion' ? r.prompt : '', `  Q:  ${medqaQuestion().text}  \n\n\nA:`);
  });
});

describe('template hash (the version a generation records)', () => {
  const base = '---\nid: a\ndescription: one\nmode: chat\ntemperature: 0.2\n---\n{{question}}\n';

  it('ignores id, description and line endings', () => {
    const h = template(base).hash;
    assert.equal(template(base.replace('id: a', 'id: b').replace('one', 'two')).hash, h);
    assert.equal(template(base.replace(/\n/g, '\r\n')).hash, h);
    assert.match(h, /^sha256:[0-9a-f]{64}$/);
  });

  it('changes with the body, the mode, a sampling parameter or the stop strings', () => {
    const h = template(base).hash;
    const variants = [base.replace('{{question}}', 'Q: {{question}}'), base.replace('temperature: 0.2', 'temperature: 0.3'), base.replace('mode: chat', 'mode: completion'), base.replace('temperature', 'stop: "###"\ntemperature')];
    const hashes = variants.map((v) => template(v).hash);
    assert.equal(new Set([h, ...hashes]).size, 5);
  });
});

import { readFileSync } from 'node:fs';
import { sharedPath } from '../../helpers/shared';
import type { ThinkDelta } from '../../../server/think';

/** Real model outputs the splitter is tested on, read in place from ../shared. */

export interface SeedAnswer {
  model: string;
  output: string;
}

export function seedAnswers(): SeedAnswer[] {
  return readFileSync(sharedPath('data', 'seed_model_answers.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SeedAnswer);
}

export interface O1Row {
  Question: string;
  Complex_CoT: string;
  Response: string;
}

export function medicalO1Rows(): O1Row[] {
  return JSON.parse(readFileSync(sharedPath('data', 'medical_o1_sft.json'), 'utf8')) as O1Row[];
}

interface Choice {
  delta?: { content?: string | null; reasoning_content?: string | null };
  text?: string;
}

/**
 * The deltas of a recorded llama-server SSE transcript, in order: chat chunks (`delta`), OpenAI
 * completion chunks (`text`) and native `/completion` chunks (`content`) all become ThinkDeltas.
 */
export function transcriptDeltas(file: string): ThinkDelta[] {
  const deltas: ThinkDelta[] = [];
  for (const line of readFileSync(sharedPath('fixtures', 'llama-server', file), 'utf8').split('\n')) {
    const at = line.indexOf('data: {');
    if (at < 0) continue;
    const event = JSON.parse(line.slice(at + 6)) as { choices?: Choice[]; content?: string };
    const choice = event.choices?.[0];
    if (choice?.delta) deltas.push({ content: choice.delta.content, reasoning_content: choice.delta.reasoning_content });
    else if (choice?.text !== undefined) deltas.push({ content: choice.text });
    else if (event.content !== undefined) deltas.push({ content: event.content });
  }
  return deltas;
}

/** The `(stream deltas)` lists of reasoning_format_per_request.txt, keyed by reasoning format. */
export function perRequestDeltaLists(): Map<string, ThinkDelta[]> {
  const lists = new Map<string, ThinkDelta[]>();
  let format = '';
  for (const line of readFileSync(sharedPath('fixtures', 'llama-server', 'reasoning_format_per_request.txt'), 'utf8').split('\n')) {
    const header = /^== reasoning_format=(\S+) \(stream deltas\)/.exec(line);
    if (header) format = header[1] ?? '';
    else if (format && line.startsWith('[')) {
      lists.set(format, JSON.parse(line) as ThinkDelta[]);
      format = '';
    }
  }
  return lists;
}

/** The `non-stream message:` of each case in reasoning_cases_*.txt, keyed by case name. */
export function reasoningCaseMessages(): Map<string, { content: string; reasoning_content?: string }> {
  const cases = new Map<string, { content: string; reasoning_content?: string }>();
  for (const n of [1, 2, 3]) {
    let name = '';
    for (const line of readFileSync(sharedPath('fixtures', 'llama-server', `reasoning_cases_${n}.txt`), 'utf8').split('\n')) {
      const header = /^##### (\S+)/.exec(line);
      if (header) name = header[1] ?? '';
      const message = /^non-stream message: (\{.*\}) \d+$/.exec(line);
      if (message?.[1] && name) cases.set(name, JSON.parse(message[1]) as { content: string; reasoning_content?: string });
    }
  }
  return cases;
}

/** Concatenates the content and reasoning of a delta list, as a non-streaming client would see them. */
export function joinDeltas(deltas: ThinkDelta[]): { output: string; reasoning: string } {
  let output = '';
  let reasoning = '';
  for (const d of deltas) {
    output += d.content ?? '';
    reasoning += (d.reasoning_content ?? '') + (d.reasoning ?? '');
  }
  return { output, reasoning };
}

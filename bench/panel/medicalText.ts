/**
 * Deterministic, generated medical text for the panel benchmark: question stems, reference answers, and
 * model outputs shaped like those of reasoning models (a `<think>` chain, then a Markdown answer with
 * headings, bold text, lists and a small table). Nothing here is copied from a dataset; the shape is what
 * matters for rendering cost, and every text is unique so no cache in the panel can answer twice.
 */

/** A linear congruential generator: the same seed gives the same text in every run. */
export class Seeded {
  constructor(private state: number) {}

  next(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 2 ** 32;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
}

const FINDINGS = [
  'fever of 38.9 °C', 'a blood pressure of 86/52 mmHg', 'a heart rate of 124/min', 'crackles at both lung bases',
  'a new pansystolic murmur at the apex', 'pitting oedema to the knees', 'right upper quadrant tenderness',
  'a serum potassium of 6.4 mmol/L', 'a troponin I of 2.1 ng/mL', 'a lactate of 4.2 mmol/L', 'neck stiffness',
  'ST elevation in II, III and aVF', 'a creatinine of 212 µmol/L', 'an arterial pH of 7.18', 'jaundice',
  'a haemoglobin of 74 g/L', 'a platelet count of 41 × 10⁹/L', 'unilateral leg swelling', 'a petechial rash',
];
const PRESENTATIONS = [
  'sudden shortness of breath', 'crushing central chest pain', 'confusion and vomiting', 'a productive cough',
  'severe epigastric pain radiating to the back', 'polyuria and weight loss', 'a first generalised seizure',
  'palpitations and presyncope', 'painless jaundice', 'a swollen, hot knee', 'haematemesis', 'an acute headache',
];
const HISTORIES = [
  'type 2 diabetes on metformin', 'atrial fibrillation on warfarin', 'chronic kidney disease stage 4',
  'recent hip replacement', 'alcohol use disorder', 'heart failure with reduced ejection fraction',
  'systemic lupus erythematosus', 'a 40 pack-year smoking history', 'HIV on antiretroviral therapy',
];
const DIAGNOSES = [
  'acute pulmonary embolism', 'inferior ST-elevation myocardial infarction', 'bacterial meningitis',
  'diabetic ketoacidosis', 'acute pancreatitis', 'septic arthritis', 'upper gastrointestinal haemorrhage',
  'hyperkalaemia with ECG changes', 'community-acquired pneumonia with sepsis', 'subarachnoid haemorrhage',
  'acute decompensated heart failure', 'thrombotic thrombocytopenic purpura',
];
const ACTIONS = [
  'give intravenous calcium gluconate to stabilise the myocardium', 'start empirical ceftriaxone after blood cultures',
  'arrange urgent primary percutaneous coronary intervention', 'begin a fixed-rate insulin infusion with fluids',
  'give low-molecular-weight heparin unless contraindicated', 'obtain a CT pulmonary angiogram',
  'perform a lumbar puncture once raised pressure is excluded', 'aspirate the joint before antibiotics',
  'resuscitate with crystalloid and cross-match four units', 'start plasma exchange without delay',
  'give intravenous furosemide and titrate oxygen to saturations of 94-98%',
];
const REASONING_OPENERS = [
  'Okay, let me think through this carefully.', 'Let me work out what is going on here.', 'Hmm, so the key findings are',
  'First, I should consider the most dangerous causes.', 'Wait, I need to check that against the history.',
  'Let me reconsider the differential.', 'So putting this together,', 'Actually, the timing matters here.',
];
const CONNECTIVES = ['Given', 'Because of', 'Considering', 'In view of', 'Taking into account', 'Alongside'];

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(r: Seeded): string {
  const kind = r.int(0, 3);
  if (kind === 0) return `${r.pick(CONNECTIVES)} ${r.pick(FINDINGS)} and ${r.pick(FINDINGS)}, ${r.pick(DIAGNOSES)} is the leading concern.`;
  if (kind === 1) return `The priority is to ${r.pick(ACTIONS)}, then reassess within the hour.`;
  if (kind === 2) return `A history of ${r.pick(HISTORIES)} changes the risk of ${r.pick(DIAGNOSES)} and the choice of therapy.`;
  return `${capitalised(r.pick(FINDINGS))} argues against ${r.pick(DIAGNOSES)}.`;
}

function paragraph(r: Seeded, chars: number): string {
  let text = '';
  while (text.length < chars) text += (text ? ' ' : '') + sentence(r);
  return text;
}

/** A clinical vignette, 300-600 characters, numbered so no two are the same. */
export function questionStem(r: Seeded, n: number): string {
  const age = r.int(19, 88);
  const sex = r.pick(['man', 'woman']);
  const base = `Case ${n}: a ${age}-year-old ${sex} with ${r.pick(HISTORIES)} presents with ${r.pick(PRESENTATIONS)}. ` +
    `Examination shows ${r.pick(FINDINGS)} and ${r.pick(FINDINGS)}; investigations show ${r.pick(FINDINGS)}.`;
  return `${base} ${paragraph(r, r.int(120, 320))} What is the most likely diagnosis and the next best step in management?`;
}

/** A reference answer with a reference reasoning chain, as medical-o1-reasoning-SFT has. */
export function referenceAnswer(r: Seeded): { answer: string; reasoning: string } {
  return { answer: `The most likely diagnosis is ${r.pick(DIAGNOSES)}. ${paragraph(r, 400)}`, reasoning: paragraph(r, 900) };
}

function reasoningChain(r: Seeded, chars: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const p = `${r.pick(REASONING_OPENERS)} ${paragraph(r, r.int(180, 360))}`;
    parts.push(p);
    length += p.length + 2;
  }
  return parts.join('\n\n');
}

function markdownAnswer(r: Seeded, chars: number): string {
  const dx = r.pick(DIAGNOSES);
  const lines = [
    `## Most likely diagnosis`,
    ``,
    `**${capitalised(dx)}**, supported by ${r.pick(FINDINGS)} and ${r.pick(FINDINGS)}.`,
    ``,
    `### Next steps`,
    ``,
    ...[1, 2, 3, 4].map((i) => `${i}. ${capitalised(r.pick(ACTIONS))}.`),
    ``,
    `### Differential`,
    ``,
    `| Diagnosis | For | Against |`,
    `| --- | --- | --- |`,
    ...[0, 1, 2].map(() => `| ${r.pick(DIAGNOSES)} | ${r.pick(FINDINGS)} | ${r.pick(FINDINGS)} |`),
    ``,
    `### Why`,
    ``,
  ];
  let text = lines.join('\n');
  while (text.length < chars) text += `\n- ${sentence(r)} *${r.pick(FINDINGS)}* matters because ${sentence(r).toLowerCase()}`;
  return `${text}\n\n> Safety net: ${sentence(r)}`;
}

/** A reasoning model's raw output of about `chars` characters: `<think>` chain, then a Markdown answer. */
export function reasoningModelOutput(r: Seeded, chars: number): string {
  const reasoningChars = Math.round(chars * r.int(50, 62) / 100);
  return `<think>\n${reasoningChain(r, reasoningChars)}\n</think>\n\n${markdownAnswer(r, chars - reasoningChars - 20)}`;
}

/** A short plain answer (no reasoning), for the questions the benchmark never opens. */
export function shortOutput(r: Seeded): string {
  return `The most likely diagnosis is ${r.pick(DIAGNOSES)}; ${r.pick(ACTIONS)}.`;
}

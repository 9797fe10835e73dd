/**
 * The Porter stemmer as NLTK's `PorterStemmer()` runs it by default (mode NLTK_EXTENSIONS), which is what
 * rouge-score applies with `use_stemmer=True`. Written from Porter (1980) and NLTK's documented departures:
 * an irregular-forms table, words of one or two letters left alone, `-ies`/`-ied` on four-letter words kept as
 * `-ie`, the `(*c and not c) Y -> I` rule, `-alli` handled first and re-run through step 2, `-bli -> -ble`,
 * `-fulli -> -ful`, `-logi -> -log` measured with the `l`, and a two-letter `vc` word counting as `*o`.
 *
 * Input must already be lower case (rouge-score's tokenizer guarantees `[a-z0-9]+`).
 */

const IRREGULAR_FORMS: ReadonlyMap<string, string> = new Map([
  ['sky', 'sky'],
  ['skies', 'sky'],
  ['dying', 'die'],
  ['lying', 'lie'],
  ['tying', 'tie'],
  ['news', 'news'],
  ['innings', 'inning'],
  ['inning', 'inning'],
  ['outings', 'outing'],
  ['outing', 'outing'],
  ['cannings', 'canning'],
  ['canning', 'canning'],
  ['howe', 'howe'],
  ['proceed', 'proceed'],
  ['exceed', 'exceed'],
  ['succeed', 'succeed'],
]);

const CH_A = 97;
const CH_E = 101;
const CH_I = 105;
const CH_O = 111;
const CH_U = 117;
const CH_Y = 121;

/** Porter's consonant: not a vowel, and `y` only when it starts the word or follows a vowel. */
function isConsonant(word: string, i: number): boolean {
  const c = word.charCodeAt(i);
  if (c === CH_A || c === CH_E || c === CH_I || c === CH_O || c === CH_U) return false;
  if (c === CH_Y && i > 0) return !isConsonant(word, i - 1);
  return true;
}

/** Porter's m: the number of vowel-to-consonant transitions in [C](VC){m}[V]. */
function measure(stem: string): number {
  let m = 0;
  let previousVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const consonant = isConsonant(stem, i);
    if (consonant && previousVowel) m++;
    previousVowel = !consonant;
  }
  return m;
}

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  const n = word.length;
  return n >= 2 && word.charCodeAt(n - 1) === word.charCodeAt(n - 2) && isConsonant(word, n - 1);
}

/** Condition *o, with NLTK's extension that a two-letter vowel-consonant word also qualifies. */
function endsCvc(word: string): boolean {
  const n = word.length;
  if (n >= 3) {
    const last = word[n - 1];
    return (
      isConsonant(word, n - 3) &&
      !isConsonant(word, n - 2) &&
      isConsonant(word, n - 1) &&
      last !== 'w' &&
      last !== 'x' &&
      last !== 'y'
    );
  }
  return n === 2 && !isConsonant(word, 0) && isConsonant(word, 1);
}

type Condition = (stem: string) => boolean;

interface SuffixRule {
  suffix: string;
  replacement: string;
  condition?: Condition;
}

/**
 * The first rule whose suffix the word ends with decides: if its condition fails the word is returned
 * unchanged and later rules are not tried (so `-ational` with m = 0 never falls through to `-tional`).
 */
function applyFirstMatching(word: string, rules: readonly SuffixRule[]): string {
  for (const rule of rules) {
    if (!word.endsWith(rule.suffix)) continue;
    const stem = word.slice(0, word.length - rule.suffix.length);
    return !rule.condition || rule.condition(stem) ? stem + rule.replacement : word;
  }
  return word;
}

const positiveMeasure: Condition = (stem) => measure(stem) > 0;
const measureAboveOne: Condition = (stem) => measure(stem) > 1;

function step1a(word: string): string {
  if (word.length === 4 && word.endsWith('ies')) return word.slice(0, 1) + 'ie';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ies')) return word.slice(0, -2);
  if (word.endsWith('ss')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** After `-ed`/`-ing` is removed: restore an `e`, or undouble a final consonant. */
function tidyAfterEdIng(stem: string): string {
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return stem + 'e';
  if (endsDoubleConsonant(stem)) {
    const last = stem[stem.length - 1];
    return last === 'l' || last === 's' || last === 'z' ? stem : stem.slice(0, -1);
  }
  return measure(stem) === 1 && endsCvc(stem) ? stem + 'e' : stem;
}

function step1b(word: string): string {
  if (word.endsWith('ied')) return word.length === 4 ? word.slice(0, -1) : word.slice(0, -2);
  if (word.endsWith('eed')) {
    const stem = word.slice(0, -3);
    return measure(stem) > 0 ? stem + 'ee' : word;
  }
  for (const suffix of ['ed', 'ing']) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    if (containsVowel(stem)) return tidyAfterEdIng(stem);
  }
  return word;
}

function step1c(word: string): string {
  if (!word.endsWith('y')) return word;
  const stem = word.slice(0, -1);
  return stem.length > 1 && isConsonant(stem, stem.length - 1) ? stem + 'i' : word;
}

const STEP2_RULES: readonly SuffixRule[] = [
  { suffix: 'ational', replacement: 'ate', condition: positiveMeasure },
  { suffix: 'tional', replacement: 'tion', condition: positiveMeasure },
  { suffix: 'enci', replacement: 'ence', condition: positiveMeasure },
  { suffix: 'anci', replacement: 'ance', condition: positiveMeasure },
  { suffix: 'izer', replacement: 'ize', condition: positiveMeasure },
  { suffix: 'bli', replacement: 'ble', condition: positiveMeasure },
  { suffix: 'alli', replacement: 'al', condition: positiveMeasure },
  { suffix: 'entli', replacement: 'ent', condition: positiveMeasure },
  { suffix: 'eli', replacement: 'e', condition: positiveMeasure },
  { suffix: 'ousli', replacement: 'ous', condition: positiveMeasure },
  { suffix: 'ization', replacement: 'ize', condition: positiveMeasure },
  { suffix: 'ation', replacement: 'ate', condition: positiveMeasure },
  { suffix: 'ator', replacement: 'ate', condition: positiveMeasure },
  { suffix: 'alism', replacement: 'al', condition: positiveMeasure },
  { suffix: 'iveness', replacement: 'ive', condition: positiveMeasure },
  { suffix: 'fulness', replacement: 'ful', condition: positiveMeasure },
  { suffix: 'ousness', replacement: 'ous', condition: positiveMeasure },
  { suffix: 'aliti', replacement: 'al', condition: positiveMeasure },
  { suffix: 'iviti', replacement: 'ive', condition: positiveMeasure },
  { suffix: 'biliti', replacement: 'ble', condition: positiveMeasure },
  { suffix: 'fulli', replacement: 'ful', condition: positiveMeasure },
];

function step2(word: string): string {
  if (word.endsWith('alli')) {
    const stem = word.slice(0, -4);
    if (positiveMeasure(stem)) return step2(stem + 'al');
  }
  // No other step-2 suffix can match a word ending in -logi, so testing it first keeps the rule order.
  // The `l` stays with the stem when measuring, so short stems such as geo-, theo- qualify.
  if (word.endsWith('logi')) return positiveMeasure(word.slice(0, -3)) ? word.slice(0, -1) : word;
  return applyFirstMatching(word, STEP2_RULES);
}

const STEP3_RULES: readonly SuffixRule[] = [
  { suffix: 'icate', replacement: 'ic', condition: positiveMeasure },
  { suffix: 'ative', replacement: '', condition: positiveMeasure },
  { suffix: 'alize', replacement: 'al', condition: positiveMeasure },
  { suffix: 'iciti', replacement: 'ic', condition: positiveMeasure },
  { suffix: 'ical', replacement: 'ic', condition: positiveMeasure },
  { suffix: 'ful', replacement: '', condition: positiveMeasure },
  { suffix: 'ness', replacement: '', condition: positiveMeasure },
];

const STEP4_RULES: readonly SuffixRule[] = [
  { suffix: 'al', replacement: '', condition: measureAboveOne },
  { suffix: 'ance', replacement: '', condition: measureAboveOne },
  { suffix: 'ence', replacement: '', condition: measureAboveOne },
  { suffix: 'er', replacement: '', condition: measureAboveOne },
  { suffix: 'ic', replacement: '', condition: measureAboveOne },
  { suffix: 'able', replacement: '', condition: measureAboveOne },
  { suffix: 'ible', replacement: '', condition: measureAboveOne },
  { suffix: 'ant', replacement: '', condition: measureAboveOne },
  { suffix: 'ement', replacement: '', condition: measureAboveOne },
  { suffix: 'ment', replacement: '', condition: measureAboveOne },
  { suffix: 'ent', replacement: '', condition: measureAboveOne },
  {
    suffix: 'ion',
    replacement: '',
    condition: (stem) => measureAboveOne(stem) && (stem.endsWith('s') || stem.endsWith('t')),
  },
  { suffix: 'ou', replacement: '', condition: measureAboveOne },
  { suffix: 'ism', replacement: '', condition: measureAboveOne },
  { suffix: 'ate', replacement: '', condition: measureAboveOne },
  { suffix: 'iti', replacement: '', condition: measureAboveOne },
  { suffix: 'ous', replacement: '', condition: measureAboveOne },
  { suffix: 'ive', replacement: '', condition: measureAboveOne },
  { suffix: 'ize', replacement: '', condition: measureAboveOne },
];

/** Step 5a tries both of its rules (unlike the other steps), as Porter's own examples require. */
function step5a(word: string): string {
  if (!word.endsWith('e')) return word;
  const stem = word.slice(0, -1);
  const m = measure(stem);
  if (m > 1) return stem;
  if (m === 1 && !endsCvc(stem)) return stem;
  return word;
}

function step5b(word: string): string {
  return word.endsWith('ll') && measure(word.slice(0, -1)) > 1 ? word.slice(0, -1) : word;
}

/** Stems one lower-case word the way NLTK's default `PorterStemmer().stem` does. */
export function porterStem(word: string): string {
  const irregular = IRREGULAR_FORMS.get(word);
  if (irregular !== undefined) return irregular;
  if (word.length <= 2) return word;
  let w = step1a(word);
  w = step1b(w);
  w = step1c(w);
  w = step2(w);
  w = applyFirstMatching(w, STEP3_RULES);
  w = applyFirstMatching(w, STEP4_RULES);
  w = step5a(w);
  return step5b(w);
}

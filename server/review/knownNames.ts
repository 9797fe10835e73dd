/**
 * Names that would tell a blinded rater which model wrote an answer. Two groups, because medical text
 * is full of words that are also model names: "Claude Bernard", "Claude syndrome", llama-derived
 * nanobodies, Gemini twins, the phi coefficient, serum GPT (alanine aminotransferase), the palm.
 */

export type NameKind = 'model' | 'maker';

export interface DistinctiveName {
  /** Regular-expression source of the name. */
  source: string;
  kind: NameKind;
  /** Match letter case exactly (for names whose lower-case form is an ordinary word). */
  caseSensitive?: boolean;
}

/** Names with no ordinary or medical meaning: always masked. */
export const DISTINCTIVE_NAMES: readonly DistinctiveName[] = [
  { source: 'OpenAI', kind: 'maker' },
  { source: 'Anthropic', kind: 'maker' },
  { source: 'DeepSeek', kind: 'maker' },
  { source: '(?:Google\\s+)?DeepMind', kind: 'maker' },
  { source: 'Meta\\s+AI', kind: 'maker' },
  { source: 'Mistral', kind: 'maker' },
  { source: 'Mixtral|Codestral|Ministral|Magistral|Pixtral', kind: 'model' },
  { source: 'Hugging\\s?Face', kind: 'maker' },
  { source: 'Unsloth', kind: 'maker' },
  { source: 'Alibaba', kind: 'maker' },
  { source: 'Qwen|QwQ|Tongyi(?:\\s+Qianwen)?', kind: 'model' },
  // "GPT" alone is alanine aminotransferase; only the chat products and numbered generations are models.
  { source: '(?:Chat|Instruct|Huatuo|Bio|BioMed|Doctor|Clinical|Med)GPT', kind: 'model' },
  { source: 'GPT-?[2-9](?:\\.\\d)?(?:o|-?turbo|-?mini)?', kind: 'model' },
  // Lower-case "palm" is anatomy; only the product spelling counts.
  { source: '(?:Med-?|Flan-)?PaLM', kind: 'model', caseSensitive: true },
  { source: 'LLaMA', kind: 'model', caseSensitive: true },
  { source: 'Meditron|BioMistral|MedAlpaca|PMC-LLaMA|OpenBioLLM|Med42|BioMedLM|GatorTron|ClinicalCamel|ChatDoctor|Baichuan|ChatGLM|Zhipu|Nemotron', kind: 'model' },
  { source: 'xAI', kind: 'maker', caseSensitive: true },
  { source: 'NVIDIA', kind: 'maker' },
  { source: 'Stability\\s+AI|Moonshot\\s+AI|Cohere\\s+(?:AI|For\\s+AI)|01\\.AI|Nous\\s+Research', kind: 'maker' },
];

export interface AmbiguousName {
  source: string;
  kind: NameKind;
  /** What may directly follow the name to make it a model's name (a version or size). */
  version?: string;
  /** What may directly follow the name to make it certainly not a model's name. */
  exclude?: string;
  caseSensitive?: boolean;
}

/** Names that are also people, animals, eponyms or letters: masked only in an AI context. */
export const AMBIGUOUS_NAMES: readonly AmbiguousName[] = [
  {
    source: 'Llama',
    kind: 'model',
    version: '[-\\s]?\\d',
    exclude: '\\s*-?\\s*(?:derived|antibod|nanobod|VHH|heavy[- ]chain|serum|immuni|single[- ]domain|IgG)',
  },
  { source: 'Claude', kind: 'model', version: '[-\\s]?\\d(?:\\.\\d)?(?![\\p{L}\\p{N}])|\\s+(?:Opus|Sonnet|Haiku|Instant)\\b', exclude: "['’]?s?\\s+Bernard" },
  { source: 'Gemini', kind: 'model', version: '[-\\s](?:\\d(?:\\.\\d)?|Pro|Ultra|Flash|Nano|Advanced)\\b' },
  { source: 'Gemma', kind: 'model', version: '[-\\s]?\\d' },
  { source: 'Phi', kind: 'model', version: '-\\d', caseSensitive: true },
  { source: 'Falcon', kind: 'model', version: '[-\\s]\\d+(?:\\.\\d+)?[BbMm]?\\b' },
  { source: 'Grok', kind: 'model', version: '[-\\s]?\\d' },
  { source: 'Vicuna', kind: 'model', version: '[-\\s]?\\d' },
  { source: 'Bard', kind: 'model' },
  { source: 'Copilot', kind: 'model' },
  { source: 'Alpaca', kind: 'model' },
  { source: 'Meta', kind: 'maker' },
  { source: 'Google', kind: 'maker', version: '\\s+AI\\b' },
  { source: 'Microsoft', kind: 'maker' },
  { source: 'Amazon', kind: 'maker' },
  { source: 'Apple', kind: 'maker', caseSensitive: true },
  { source: 'IBM', kind: 'maker', caseSensitive: true },
  { source: 'Cohere', kind: 'maker', caseSensitive: true },
];

/** Eponym contexts shared by all ambiguous names: "Claude syndrome", "Gemini twins", "Meta's sign"... */
export const EPONYM_FOLLOWERS =
  "['’]?s?\\s+(?:syndrome|disease|sign|reflex|test|phenomenon|procedure|operation|maneuver|manoeuvre|classification|criteria|scale|score|triad|law|effect|twins?|analysis|analyses|Scholar|Excel|Word)\\b";

/** Words after a name that make it a model or maker: "Claude, an AI assistant", "Gemini AI". */
export const AI_NOUN = '(?:(?:large\\s+)?language\\s+model|AI|assistant|chatbot|chat\\s*bot|LLM|model)';

/** Suffixes that belong to a model name once it is one: versions, sizes, variants. */
export const NAME_SUFFIX =
  '(?:(?<=\\p{L})\\d+(?:\\.\\d+)*|-[\\p{L}\\p{N}](?:[\\p{L}\\p{N}.]*[\\p{L}\\p{N}])?|[\\s_](?:v?\\d+(?:\\.\\d+)*[bBmMkK]?|R1|V\\d(?:\\.\\d)?|AI|Instruct|Chat|Coder|Distill|Large|Medium|Small|Nemo|Turbo|Pro|Flash|Ultra|Mini|Nano|Opus|Sonnet|Haiku|Preview|Max|Plus)(?![\\p{L}\\p{N}_]))*';

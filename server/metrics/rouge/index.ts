export { scoreRouge, scoreRougeTypes, RougeScorer, UnsupportedRougeOptionError } from './scorer';
export { tokenize, tokenizeLines } from './tokenizer';
export { porterStem } from './porter';
export { ROUGE_TYPES, isRougeType, type RougeOptions, type RougeScore, type RougeScores, type RougeType } from './types';

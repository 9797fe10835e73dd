import { strict as assert } from 'node:assert';
import { porterStem } from '../../../server/metrics';

/*
 * Expected stems are worked out by hand from Porter (1980), whose paper gives most of these as examples,
 * and from the departures NLTK documents for its default mode (NLTK_EXTENSIONS).
 */
function check(pairs: Record<string, string>): void {
  for (const [word, stem] of Object.entries(pairs)) assert.equal(porterStem(word), stem, word);
}

describe('Porter stemmer, NLTK default mode', () => {
  it('step 1a/1b: plurals, -ed, -ing and their tidying', () => {
    check({
      caresses: 'caress', ponies: 'poni', caress: 'caress', cats: 'cat', feed: 'feed', agreed: 'agre', plastered: 'plaster',
      bled: 'bled', motoring: 'motor', sing: 'sing', conflated: 'conflat', troubled: 'troubl', sized: 'size', hopping: 'hop',
      tanned: 'tan', falling: 'fall', hissing: 'hiss', fizzed: 'fizz', failing: 'fail', filing: 'file',
    });
  });

  it('steps 2 to 5: double suffixes, -ic-/-ful/-ness, -ant/-ence, final -e and -ll', () => {
    check({
      relational: 'relat', conditional: 'condit', rational: 'ration', valenci: 'valenc', hesitanci: 'hesit', digitizer: 'digit',
      conformabli: 'conform', radicalli: 'radic', differentli: 'differ', vileli: 'vile', analogousli: 'analog', vietnamization: 'vietnam',
      predication: 'predic', operator: 'oper', feudalism: 'feudal', decisiveness: 'decis', hopefulness: 'hope', callousness: 'callous',
      formaliti: 'formal', sensitiviti: 'sensit', sensibiliti: 'sensibl', triplicate: 'triplic', formative: 'form', formalize: 'formal',
      electriciti: 'electr', electrical: 'electr', hopeful: 'hope', goodness: 'good', revival: 'reviv', allowance: 'allow',
      inference: 'infer', airliner: 'airlin', gyroscopic: 'gyroscop', adjustable: 'adjust', defensible: 'defens', irritant: 'irrit',
      replacement: 'replac', adjustment: 'adjust', dependent: 'depend', adoption: 'adopt', homologou: 'homolog', communism: 'commun',
      activate: 'activ', angulariti: 'angular', homologous: 'homolog', effective: 'effect', bowdlerize: 'bowdler', probate: 'probat',
      rate: 'rate', cease: 'ceas', controll: 'control', roll: 'roll',
    });
  });

  it('NLTK departures: irregular forms, short words, -ies/-ied, y->i after a consonant only', () => {
    check({
      dying: 'die', lying: 'lie', skies: 'sky', news: 'news', innings: 'inning', proceed: 'proceed', exceed: 'exceed', succeed: 'succeed',
      ties: 'tie', dies: 'die', died: 'die', flies: 'fli', spied: 'spi', happy: 'happi', enjoy: 'enjoy', fly: 'fli', is: 'is', as: 'as',
    });
  });

  it('NLTK departures: -alli re-run, -bli, -fulli, -logi with its l, two-letter *o', () => {
    check({ generously: 'gener', possibly: 'possibl', hopefully: 'hope', geology: 'geolog', theology: 'theolog', aging: 'age' });
  });

  it('treats digits as consonants', () => {
    check({ '1990s': '1990', covid19: 'covid19' });
  });
});

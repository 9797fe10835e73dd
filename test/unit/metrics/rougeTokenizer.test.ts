import { strict as assert } from 'node:assert';
import { porterStem, scoreRouge, tokenize, tokenizeLines } from '../../../server/metrics';

describe('ROUGE tokenizer (rouge-score default tokenizer)', () => {
  it('lower-cases and splits at every character outside [a-z0-9]', () => {
    assert.deepEqual(tokenize("The patient's well-known non-adherence; SpO2 88%!"), ['the', 'patient', 's', 'well', 'known', 'non', 'adherence', 'spo2', '88']);
  });

  it('drops non-Latin text and splits words at accented letters', () => {
    assert.deepEqual(tokenize('患者出现发热和咳嗽，建议胸部X光。'), ['x']);
    assert.deepEqual(tokenize('caféine élevée'), ['caf', 'ine', 'lev', 'e']);
    assert.deepEqual(tokenize('Take 2 tablets 💊 twice daily 😀👍'), ['take', '2', 'tablets', 'twice', 'daily']);
  });

  it('folds the two non-ASCII letters whose lower case is ASCII as Python does', () => {
    // U+0130 lower-cases to "i" + combining dot (a separator); U+212A (Kelvin sign) to "k".
    assert.deepEqual(tokenize('İSTANBUL 310 \u212A'), ['i', 'stanbul', '310', 'k']);
  });

  it('treats NBSP, tab and zero-width space as separators', () => {
    assert.deepEqual(tokenize('Aspirin\u00a0325\u00a0mg\tchewed\u200bnow'), ['aspirin', '325', 'mg', 'chewed', 'now']);
  });

  it('stems only tokens longer than three characters', () => {
    assert.deepEqual(tokenize('The patients were dying; skies, news, proceeding generously. Was ties its', true), [
      'the',
      'patient',
      'were',
      'die',
      'sky',
      'news',
      'proceed',
      'gener',
      'was',
      'tie',
      'its',
    ]);
  });

  it('keeps very long tokens intact (beyond the numeric-key length)', () => {
    const long = 'pneumonoultramicroscopicsilicovolcanoconiosis';
    assert.deepEqual(tokenize(`${long} ${long.toUpperCase()} x${long}`), [long, long, `x${long}`]);
  });

  it('folds U+212A and U+0130 inside tokens longer than ten characters too', () => {
    // Python lower-cases U+212A to "k" (inside the word) and U+0130 to "i" plus a combining dot (a separator).
    assert.deepEqual(tokenize('Thermo\u212Aelvinometer thermokelvinometer'), ['thermokelvinometer', 'thermokelvinometer']);
    assert.deepEqual(tokenize('SUPERCALIFRAG\u0130LISTIC'), ['supercalifragi', 'listic']);
    assert.equal(scoreRouge('Thermo\u212Aelvinometer', 'THERMOKELVINOMETER').rouge1.fmeasure, 1);
    // Every U+0130 is a token of its own, with no separator between them in the text.
    assert.deepEqual(tokenize('\u0130'.repeat(9)), Array(9).fill('i'));
  });

  it('tells long tokens apart however many characters they share', () => {
    const a400 = 'a'.repeat(400);
    const a399b = `${'a'.repeat(399)}b`;
    assert.deepEqual(tokenize(`pathophysiology pathophysiologic ${a400} ${a399b} PATHOPHYSIOLOGY`), [
      'pathophysiology',
      'pathophysiologic',
      a400,
      a399b,
      'pathophysiology',
    ]);
    assert.equal(scoreRouge('pathophysiology', 'pathophysiologic').rouge1.fmeasure, 0);
    assert.equal(scoreRouge(a400, a399b).rouge1.fmeasure, 0);
    assert.equal(scoreRouge(`${a400} x`, `${a400.toUpperCase()} x`).rouge2.fmeasure, 1);
  });

  it('stems long tokens as rouge-score does', () => {
    const words = ['generalizations', 'hypersensitivities', 'electrocardiographically'];
    assert.deepEqual(tokenize(words.join(' '), true), words.map((w) => porterStem(w)));
    assert.equal(scoreRouge('generalizations', 'generalization', { useStemmer: true }).rouge1.fmeasure, 1);
  });

  it('splits Lsum lines at "\\n" only, leaving "\\r" a plain separator and dropping token-less lines', () => {
    assert.deepEqual(tokenizeLines('First line.\r\n\r\n  \nSecond, line\rstill second\n...\n'), [['first', 'line'], ['second', 'line', 'still', 'second']]);
  });

  it('scores identical texts 1 and disjoint or empty texts 0', () => {
    const same = scoreRouge('Start oral amoxicillin.\nReview in 48 hours.', 'Start oral amoxicillin.\nReview in 48 hours.');
    for (const s of Object.values(same)) assert.deepEqual(s, { precision: 1, recall: 1, fmeasure: 1 });
    const disjoint = scoreRouge('alpha beta', 'gamma delta');
    for (const s of Object.values(disjoint)) assert.equal(s.fmeasure, 0);
    const empty = scoreRouge('', '患者');
    for (const s of Object.values(empty)) assert.deepEqual(s, { precision: 0, recall: 0, fmeasure: 0 });
  });
});

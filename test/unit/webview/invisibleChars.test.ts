import { strict as assert } from 'node:assert';
import { revealInvisible } from '../../../webview/invisibleChars';

describe('revealing invisible characters', () => {
  it('replaces bidi overrides, isolates and zero-width characters with visible markers and counts them', () => {
    const r = revealInvisible('Dose \u202Eg\u00B5 005\u202C; zero\u200Bwidth \u2066iso\u2069 bom\uFEFF');
    assert.equal(r.hidden, 6);
    assert.equal(r.text, 'Dose [U+202E]gµ 005[U+202C]; zero[U+200B]width [U+2066]iso[U+2069] bom[U+FEFF]');
  });

  it('leaves ordinary text, accents and non-Latin scripts alone', () => {
    const text = 'Fièvre, 发热, حمى — 38.5 °C';
    assert.deepEqual(revealInvisible(text), { text, hidden: 0 });
  });
});

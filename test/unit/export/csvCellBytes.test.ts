import { strict as assert } from 'node:assert';
import { csvCellBound, writeCsvCell } from '../../../server/export/csvCellBytes';
import { csvCellText } from '../../../server/summary';

/** The CSV writer's cells made from a text's bytes (built rows with texts) against csvCellText of the string. */
describe('export: CSV cells from bytes', () => {
  const cell = (text: string): string => {
    const bytes = Buffer.from(text, 'utf8');
    const out = Buffer.alloc(csvCellBound(bytes.length) + 4, 0x7e);
    const n = writeCsvCell(bytes, out, 2);
    assert.equal(out[0], 0x7e, 'nothing written before the offset');
    assert.equal(out[2 + n], 0x7e, 'nothing written past the length it returns');
    return out.toString('utf8', 2, 2 + n);
  };

  const texts = [
    '', 'plain', '=1+1', '+1', '-5 mg', '@x', '\tindented', '\rCR', '\nLF first', 'a,b', 'a "b" c', '"', '""', '"start', 'end"', 'line\r\nbreak',
    '=HYPERLINK("x"), then', ' =not first', "'already", '日本語, "引用"', '\u00e9=', '5\u00a0mg', '\u{1F9EA} "emoji"', 'NUL\u0000inside, yes', '\u2028sep',
  ];
  for (const text of texts) {
    it(`makes ${JSON.stringify(text)} what csvCellText makes`, () => {
      assert.equal(cell(text), csvCellText(text));
    });
  }

  it('takes no more than its bound, a text of quotes after a formula start', () => {
    const text = `=${'"'.repeat(50)}`;
    assert.equal(cell(text), csvCellText(text));
    assert.ok(Buffer.byteLength(csvCellText(text)) <= csvCellBound(Buffer.byteLength(text)));
  });
});

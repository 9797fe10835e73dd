import { strict as assert } from 'node:assert';
import { EXPORT_FORMATS } from '../../../server/export';
import { exportedMessage, exportParams, FORMAT_CHOICES, optionsFor, suggestedFileName } from '../../../src/export/exportChoices';

describe('export choices offered by the extension', () => {
  it('offers every format the core can write, once each', () => {
    assert.deepEqual(FORMAT_CHOICES.map((c) => c.format).sort(), [...EXPORT_FORMATS].sort());
  });

  it('offers ties only for DPO and reasoning only for training sets', () => {
    assert.deepEqual(optionsFor('dpo').map((o) => o.id), ['twoRaters', 'includeTies', 'withReasoning']);
    assert.deepEqual(optionsFor('sft').map((o) => o.id), ['twoRaters', 'withReasoning']);
    assert.deepEqual(optionsFor('csv').map((o) => o.id), ['twoRaters']);
  });

  it('turns ticked options into the request, and leaves defaults to the server otherwise', () => {
    assert.deepEqual(exportParams('sft', '/tmp/x.jsonl', new Set()), { format: 'sft', path: '/tmp/x.jsonl' });
    assert.deepEqual(exportParams('dpo', '/tmp/p.jsonl', new Set(['twoRaters', 'includeTies', 'withReasoning'] as const)), {
      format: 'dpo',
      path: '/tmp/p.jsonl',
      minRaters: 2,
      includeTies: true,
      withReasoning: true,
    });
  });

  it('suggests a dated file name with the format’s extension', () => {
    const day = new Date('2026-03-04T22:00:00Z');
    assert.equal(suggestedFileName('summary-md', day), 'medreview-summary-md-2026-03-04.md');
    assert.equal(suggestedFileName('csv', day), 'medreview-csv-2026-03-04.csv');
  });

  it('says what was written and how many candidates the rules left out', () => {
    const msg = exportedMessage({ format: 'dpo', written: 3, ratings: 12, questions: 4, skipped: { tie: 2, 'both-bad': 1 } }, 'pairs.jsonl');
    assert.equal(msg, 'Exported 3 pairs (4 questions) to pairs.jsonl; 3 left out by the rules.');
  });

  it('counts in the singular where there is one', () => {
    assert.equal(exportedMessage({ format: 'jsonl', written: 1, ratings: 1, questions: 1, skipped: {} }, 'r.jsonl'), 'Exported 1 rating (1 question) to r.jsonl.');
    assert.equal(exportedMessage({ format: 'summary-md', written: 1, ratings: 1, questions: 1, skipped: {} }, 's.md'), 'Exported the summary of 1 rating (1 question) to s.md.');
  });
});

import { strict as assert } from 'node:assert';
import type { ExportedRating } from '../../../server/export';
import type { Store } from '../../../server/store';
import { exportText, parseLines } from './exportHarness';
import { csvObjects, parseCsv } from './rfc4180';
import { MODELS, rate, RUBRIC, useStudyStore, type StudyQuestion } from './studyFixture';

describe('export: csv', () => {
  let store: Store;
  let qs: StudyQuestion[];
  useStudyStore((opened) => ({ store, qs } = opened));

  async function both(): Promise<{ csv: ReturnType<typeof csvObjects>; text: string; jsonl: ExportedRating[] }> {
    const csv = await exportText(store, { format: 'csv' });
    const jsonl = parseLines<ExportedRating>((await exportText(store, { format: 'jsonl' })).text);
    return { csv: csvObjects(csv.text), text: csv.text, jsonl };
  }

  it('has one column per rubric axis and one row per rating, with the JSONL record’s values', async () => {
    await rate(store, 'dr-a', qs[0]!.of(MODELS.thinking).uid, 4, { blind: true, shownPosition: 1 });
    await rate(store, 'dr-b', qs[0]!.of(MODELS.thinking).uid, 2, { values: { harm_extent: 'severe_or_death', bias: true } });
    await store.setChoiceOverride({ rater: 'dr-b', answerUid: qs[4]!.answers[0]!.uid, extracted: null, corrected: 'no' });
    await rate(store, 'dr-b', qs[4]!.answers[0]!.uid, 3);
    const { csv, jsonl } = await both();
    const axisColumns = csv.header.filter((h) => h.startsWith('axis_'));
    assert.deepEqual(axisColumns, RUBRIC.axes.map((a) => `axis_${a.id}`));
    assert.equal(csv.rows.length, 3);
    for (const record of jsonl) {
      const row = csv.rows.find((r) => r.rating_id === record.ratingId)!;
      assert.ok(row, `a row for rating ${record.ratingId}`);
      for (const axis of RUBRIC.axes) assert.equal(row[`axis_${axis.id}`], String(record.values[axis.id]), axis.id);
      assert.equal(row.rater, record.rater);
      assert.equal(row.rubric_version, record.rubric.version);
      assert.equal(row.overall, String(record.overall));
      assert.equal(row.blind, String(record.blind));
      assert.equal(row.shown_position, record.shownPosition === null ? '' : String(record.shownPosition));
      assert.equal(row.created_at, record.createdAt);
      assert.equal(row.question_text, record.question.text);
      assert.deepEqual(row.options === '' ? null : JSON.parse(row.options!), record.question.options);
      assert.deepEqual(JSON.parse(row.sets!), record.question.sets);
      assert.equal(row.answer, record.answer.text);
      assert.equal(row.reasoning, record.answer.reasoning);
      assert.equal(row.model, record.answer.model);
      assert.equal(row.reference_answer, record.reference?.answer ?? '');
      assert.equal(row.reference_label, record.reference?.label ?? '');
      assert.deepEqual(row.params === '' ? null : JSON.parse(row.params!), record.generation.params);
      assert.equal(row.finish_reason, record.generation.finishReason ?? '');
      assert.equal(Number(row.rouge_answer_rouge1_fmeasure), record.rouge.answer!.rouge1!.fmeasure);
      assert.equal(Number(row.rouge_answer_rougeL_recall), record.rouge.answer!.rougeL!.recall);
      assert.equal(row.rouge_reasoning_rouge1_fmeasure, '');
      assert.equal(row.accuracy_verdict, record.accuracy?.verdict ?? '');
      assert.equal(row.accuracy_overridden, record.accuracy ? String(record.accuracy.overridden) : '');
      assert.equal(row.other_values, '');
    }
    // The correction by dr-b on the PubMedQA answer reached the row.
    assert.equal(csv.rows.find((r) => r.rater === 'dr-b' && r.question_kind === 'yes-no-maybe')!.accuracy_graded, 'no');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 does, and ends records with CRLF', async () => {
    const comment = 'Two lines,\nwith "quotes" and, commas\r\nand a CRLF';
    const answer = qs[0]!.of(MODELS.thinking);
    await rate(store, 'dr-a', answer.uid, 3, { comment });
    const { csv, text } = await both();
    assert.equal(csv.rows[0]!.comment, comment);
    assert.ok(answer.split.reasoning.includes('\n'));
    assert.equal(csv.rows[0]!.reasoning, answer.split.reasoning, 'a multi-line reasoning in one cell');
    assert.ok(text.endsWith('\r\n'));
    assert.ok(text.startsWith('rating_id,rater,rubric_key,rubric_version,rubric_hash,axis_consensus,'));
    assert.equal(parseCsv(text).length, 2);
  });

  it('guards text cells that a spreadsheet would run as a formula, and leaves numbers alone', async () => {
    const comments = ['=HYPERLINK("http://127.0.0.1/x","click")', '+1 for this answer', '-2 points: wrong dose', '@SUM(A1:A2)'];
    const answers = [qs[0]!.of(MODELS.thinking), qs[0]!.of(MODELS.plain), qs[1]!.of(MODELS.thinking), qs[1]!.of(MODELS.plain)];
    for (const [i, c] of comments.entries()) await rate(store, 'dr-a', answers[i]!.uid, 3, { comment: c });
    const { csv } = await both();
    const cells = csv.rows.map((r) => r.comment).sort();
    assert.deepEqual(cells, comments.map((c) => `'${c}`).sort());
    for (const row of csv.rows) assert.match(row.rouge_answer_rouge1_fmeasure!, /^\d(\.\d+)?(e-\d+)?$/);
  });

  it('keeps values of axes no registered rubric version lists in other_values, and adds columns for every rubric used', async () => {
    const local = { key: 'local-rubric', version: '2', hash: 'sha256-local-rubric-000000000002', body: JSON.stringify({ id: 'local-rubric', axes: [{ id: 'clarity' }] }) };
    await store.registerRubric(local);
    await store.saveRating({ rater: 'dr-a', answerUid: qs[0]!.of(MODELS.plain).uid, rubricHash: local.hash, values: { clarity: 4, legacy_axis: 'x,y' }, overall: 4, blind: false });
    await rate(store, 'dr-a', qs[0]!.of(MODELS.thinking).uid, 5);
    const { csv } = await both();
    assert.ok(csv.header.includes('axis_clarity') && csv.header.includes('axis_consensus'));
    const row = csv.rows.find((r) => r.rubric_key === 'local-rubric')!;
    assert.equal(row.axis_clarity, '4');
    assert.equal(row.axis_consensus, '');
    assert.deepEqual(JSON.parse(row.other_values!), { legacy_axis: 'x,y' });
  });
});

import { strict as assert } from 'node:assert';
import { defaultRubric, rubricContentHash, validateRubricText, type Rubric } from '../../../server/rubric';
import { summarizeStudy, type SummaryRating } from '../../../server/summary';

function study(axes: string): string {
  return `{\n  "id": "study",\n  "version": "1",\n  "title": "Study",\n  "axes": [\n${axes}\n  ]\n}\n`;
}

function load(text: string): Rubric {
  const { rubric, problems } = validateRubricText(text, 'study.rubric.json');
  assert.deepEqual(problems, []);
  assert.ok(rubric);
  return rubric;
}

function rated(model: string, values: SummaryRating['values'][]): SummaryRating[] {
  return values.map((v, i) => ({ raterId: 'r1', answerId: `${model}-${i}`, questionId: `q${i}`, model, values: v }));
}

describe('harm axes in the rubric (the "harm" flag)', () => {
  it('marks the two harm axes of the default rubric and no other', () => {
    assert.deepEqual(
      defaultRubric().axes.filter((a) => a.harm).map((a) => a.id),
      ['harm_extent', 'harm_likelihood'],
    );
  });

  it('is kept by validation, and absent when false, so older rubrics keep their content hash', () => {
    const axis = (harm: string): string => `    { "id": "risk", "label": "Risk", "kind": "ordinal",${harm} "choices": [{ "value": "none", "label": "None" }, { "value": "some", "label": "Some" }] }`;
    assert.equal(load(study(axis(' "harm": true,'))).axes[0]?.harm, true);
    const without = load(study(axis('')));
    const withFalse = load(study(axis(' "harm": false,')));
    assert.equal('harm' in (withFalse.axes[0] ?? {}), false);
    assert.equal(rubricContentHash(withFalse), rubricContentHash(without));
  });

  it('is refused on a nominal axis, at the flag, since unordered choices have no harmless end', () => {
    const text = study('    { "id": "kind", "label": "Kind", "kind": "nominal", "harm": true, "choices": [{ "value": "a", "label": "A" }, { "value": "b", "label": "B" }] }');
    const { rubric, problems } = validateRubricText(text, 'study.rubric.json');
    assert.equal(rubric, undefined);
    assert.equal(problems.length, 1);
    const p = problems[0]!;
    assert.equal(p.code, 'harm-needs-order');
    assert.equal(p.file, 'study.rubric.json');
    const line = text.split('\n').findIndex((l) => l.includes('"harm"')) + 1;
    assert.deepEqual([p.line, p.column], [line, text.split('\n')[line - 1]!.indexOf('true') + 1]);
  });

  it('counts a boolean harm axis when true and an interval one when above its minimum', () => {
    const rubric = load(
      study(
        [
          '    { "id": "unsafe", "label": "Unsafe advice", "kind": "boolean", "harm": true },',
          '    { "id": "severity", "label": "Severity", "kind": "interval", "min": 0, "max": 10, "harm": true }',
        ].join('\n'),
      ),
    );
    const ratings = rated('m', [
      { unsafe: true, severity: 0 },
      { unsafe: false, severity: 2.5 },
      { unsafe: false, severity: 0 },
      { unsafe: false, severity: 10 },
    ]);
    const m = summarizeStudy({ rubric, ratings }).models[0];
    assert.deepEqual(m?.harm.map((h) => [h.axisId, h.rate?.successes, h.rate?.trials]), [
      ['unsafe', 1, 4],
      ['severity', 2, 4],
    ]);
  });
});

describe('numeric coding of study-defined scales', () => {
  const rubric = load(
    study(
      [
        '    { "id": "likert", "label": "Clarity", "kind": "ordinal", "choices": [{ "value": 1, "label": "Poor" }, { "value": 3, "label": "Fair" }, { "value": 5, "label": "Good" }] },',
        '    { "id": "grade", "label": "Grade", "kind": "ordinal", "choices": [{ "value": "low", "label": "Low" }, { "value": "mid", "label": "Mid" }, { "value": "high", "label": "High" }, { "value": "top", "label": "Top" }] },',
        '    { "id": "vas", "label": "Confidence", "kind": "interval", "min": 0, "max": 100 },',
        '    { "id": "note", "label": "Note", "kind": "text" }',
      ].join('\n'),
    ),
  );

  it('keeps numeric choice values, numbers other choices by position, and skips text axes', () => {
    const s = summarizeStudy({ rubric, ratings: [] });
    assert.deepEqual(
      s.codings.map((c) => [c.axisId, c.min, c.max, c.choices.map((ch) => ch.code)]),
      [
        ['likert', 1, 5, [1, 3, 5]],
        ['grade', 0, 3, [0, 1, 2, 3]],
        ['vas', 0, 100, []],
      ],
    );
  });

  it('averages on those codes and refuses interval values out of range', () => {
    const ratings = rated('m', [
      { likert: 1, grade: 'top', vas: 20, note: 'free text is not summarised' },
      { likert: 5, grade: 'mid', vas: 40 },
      { likert: 3, grade: 'low', vas: 140 },
    ]);
    const s = summarizeStudy({ rubric, ratings });
    const mean = (id: string): number | undefined => {
      const axis = s.models[0]?.axes.find((a) => a.axisId === id);
      return axis?.measure === 'mean' ? axis.mean?.estimate : undefined;
    };
    assert.equal(mean('likert'), 3);
    assert.equal(mean('grade'), (3 + 1 + 0) / 3);
    assert.equal(mean('vas'), 30);
    assert.deepEqual(s.issues.map((i) => i.field), ['ratings[2].values.vas']);
  });
});

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { FileParser } from '../../../server/dataset/fileParser';
import { QuestionIndex } from '../../../server/dataset/questionIndex';
import { MemoryImportSink, type ModelAnswer, type Question } from '../../../server/dataset';
import type { Problem } from '../../../server/problem';
import { repoRoot, sharedPath } from '../../helpers/shared';
import { join } from 'node:path';

interface Parsed {
  questions: Question[];
  answers: ModelAnswer[];
  problems: Problem[];
  taken: number;
  rejected: number;
}

/** Parses `bytes` fed in pieces of `size` bytes (so multi-byte characters and tags get cut). */
function parse(file: string, bytes: Buffer, size: number, lookup?: MemoryImportSink): Parsed {
  const problems: Problem[] = [];
  const parser = new FileParser({ file, options: {}, index: new QuestionIndex(), lookup, onProblem: (p) => problems.push(p) });
  for (let i = 0; i < bytes.length; i += size) parser.pushBytes(bytes.subarray(i, i + size));
  parser.end();
  return { questions: parser.batch.questions, answers: parser.batch.answers, problems, taken: parser.taken, rejected: parser.rejected };
}

function assertChunkingInvariant(file: string, bytes: Buffer, sizes: number[], lookup?: MemoryImportSink): Parsed {
  const whole = parse(file, bytes, bytes.length + 1, lookup);
  for (const size of sizes) assert.deepEqual(parse(file, bytes, size, lookup), whole, `chunks of ${size} bytes`);
  return whole;
}

describe('a file gives the same records and problems however its bytes are chunked', function () {
  this.timeout(60_000);

  it('the PubMedQA object and the medical-o1 array', () => {
    for (const name of ['pubmedqa_pqal.json', 'medical_o1_sft.json']) {
      const whole = assertChunkingInvariant(name, readFileSync(sharedPath('data', name)), [1, 7, 4096]);
      assert.equal(whole.problems.length, 0);
      assert.ok(whole.taken >= 120);
    }
  });

  it('the sample CSV answers (quoted multi-line cells, CRLF rows, multi-byte characters)', () => {
    const sink = new MemoryImportSink();
    const questions = parse('questions.jsonl', readFileSync(join(repoRoot, 'media', 'sample-workspace', 'questions.jsonl')), 1 << 20);
    const mcq = parse('medqa-style.jsonl', readFileSync(join(repoRoot, 'media', 'sample-workspace', 'medqa-style.jsonl')), 1 << 20);
    sink.addQuestions([...questions.questions, ...mcq.questions]);
    const whole = assertChunkingInvariant('mistral-med-7b.csv', readFileSync(join(repoRoot, 'media', 'sample-workspace', 'answers', 'mistral-med-7b.csv')), [1, 2, 3, 5, 64], sink);
    assert.deepEqual([whole.taken, whole.rejected, whole.problems.length], [6, 0, 0]);
  });

  it('a file with a BOM, invalid bytes next to multi-byte characters, and a broken line', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"Question":"Fièvre 😀?","Response":"ok"}\n{"Question":"é'),
      Buffer.from([0xe2, 0x82]), // a three-byte sequence cut short
      Buffer.from('x","Response":"r"}\n{"Question":"B?",\n{"Question":"C?","Response":"ü"}'),
    ]);
    const whole = assertChunkingInvariant('mixed.jsonl', bytes, [1, 2, 3, 4, 5]);
    assert.deepEqual(whole.problems.map((p) => [p.line, p.column, p.code]), [
      [1, 1, 'bom'],
      [2, 15, 'invalid-utf8'],
      [3, 18, 'invalid-json'],
    ]);
    assert.deepEqual(whole.questions.map((q) => q.text), ['Fièvre 😀?', 'C?']);
  });
});

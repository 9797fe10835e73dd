import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOverrides, findEndpoint, GenerationParamsError, loadTemplateRef, readEndpointSettings, samplingParams, TemplateRefError, withKey } from '../../../server/generation';
import { listTemplates } from '../../../server/generation';
import { builtinTemplate } from '../../../server/templates';

describe('generation settings', () => {
  it('reads the default endpoint (llama.cpp on 127.0.0.1:8080) when medreview.endpoints is not set', () => {
    const { endpoints, problems } = readEndpointSettings(undefined);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      endpoints.map((c) => [c.endpoint.name, c.endpoint.baseUrl, c.endpoint.server, c.warnings.length]),
      [['llama.cpp', 'http://127.0.0.1:8080', 'llama.cpp', 0]],
    );
  });

  it('fills preset URLs, keeps model, api and slots, and reports each bad entry by its field', () => {
    const { endpoints, problems } = readEndpointSettings([
      { name: 'vllm-a', preset: 'vllm', model: 'meta-llama/Llama-3.1-8B-Instruct', slots: 16 },
      { name: 'ollama', preset: 'ollama', api: 'chat' },
      { name: 'remote', preset: 'openai' },
      { name: 'typo', preset: 'llamacpp' },
      { name: 'vllm-a', preset: 'vllm', url: 'http://127.0.0.1:8001' },
      { name: 'bad-url', preset: 'llama.cpp', url: 'ftp://127.0.0.1/' },
      { name: 'zero', preset: 'llama.cpp', slots: 0 },
      'llama.cpp',
    ]);
    assert.deepEqual(
      endpoints.map((c) => [c.endpoint.name, c.endpoint.baseUrl, c.endpoint.model, c.endpoint.slots, c.api]),
      [
        ['vllm-a', 'http://127.0.0.1:8000', 'meta-llama/Llama-3.1-8B-Instruct', 16, undefined],
        ['ollama', 'http://127.0.0.1:11434', undefined, undefined, 'chat'],
      ],
    );
    assert.equal(problems.length, 6);
    assert.match(problems[0]!, /^medreview\.endpoints\[2\]\.url: the openai preset has no default URL/);
    assert.match(problems[1]!, /^medreview\.endpoints\[3\]\.preset: expected one of llama\.cpp, vllm, ollama, openai, got "llamacpp"/);
    assert.match(problems[2]!, /^medreview\.endpoints\[4\]\.name: 'vllm-a' is already the name of an earlier endpoint/);
    assert.match(problems[3]!, /^medreview\.endpoints\[5\]\.url: .*only http:\/\/ and https:\/\//);
    assert.match(problems[4]!, /^medreview\.endpoints\[6\]\.slots: expected a whole number from 1 to 1024, got 0/);
    assert.match(problems[5]!, /^medreview\.endpoints\[7\]: expected an object/);
  });

  it('warns about plain http to another machine, not about https or loopback', () => {
    const { endpoints } = readEndpointSettings([
      { name: 'lan', preset: 'vllm', url: 'http://192.168.1.20:8000' },
      { name: 'tls', preset: 'openai', url: 'https://inference.example.org/v1' },
      { name: 'local', preset: 'ollama', url: 'http://localhost:11434' },
    ]);
    assert.deepEqual(
      endpoints.map((c) => c.warnings.length),
      [1, 0, 0],
    );
    assert.match(endpoints[0]!.warnings[0]!, /192\.168\.1\.20.*unencrypted/);
  });

  it('finds an endpoint by name (the first without one), names the configured ones when not found, and adds only its own key', () => {
    const all = readEndpointSettings([
      { name: 'a', preset: 'llama.cpp' },
      { name: 'b', preset: 'vllm' },
    ]);
    const first = findEndpoint(all, undefined);
    assert.ok(typeof first !== 'string' && first.endpoint.name === 'a');
    assert.equal(findEndpoint(all, 'c'), "no endpoint named 'c' in medreview.endpoints (configured: a, b)");
    const b = findEndpoint(all, 'b');
    assert.ok(typeof b !== 'string');
    assert.equal(withKey(b, { a: 'key-a', b: 'key-b' }).apiKey, 'key-b');
    assert.equal(withKey(b, { a: 'key-a' }).apiKey, undefined);
  });

  it('layers sampling parameters: template, then settings, then the request; stop strings from the template', () => {
    const cot = builtinTemplate('medical-cot');
    const params = samplingParams(cot, { template: 'builtin:medical-cot', maxTokens: 512, temperature: null, seed: 3 }, { temperature: 0, seed: 11 });
    assert.deepEqual(params, { temperature: 0, top_p: 0.95, max_tokens: 512, seed: 11, stop: ['### Question:'] });
  });

  it('refuses overrides of the wrong type or out of range, naming the field', () => {
    assert.deepEqual(checkOverrides({ max_tokens: 64, temperature: null }), { max_tokens: 64 });
    assert.throws(() => checkOverrides({ max_tokens: '64' }), (e: Error) => e instanceof GenerationParamsError && /params\.max_tokens: expected a whole number of at least 1, got "64"/.test(e.message));
    assert.throws(() => checkOverrides({ top_p: 1.5 }), /params\.top_p: expected a number above 0, at most 1/);
    assert.throws(() => checkOverrides({ logit_bias: {} }), /params\.logit_bias: unknown parameter/);
  });
});

describe('template references', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'medreview-templates-'));
    mkdirSync(join(dir, 'prompts'));
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'prompts', 'short.prompt.md'), '---\nmode: chat\nsystem: Be brief.\nmax_tokens: 128\n---\n{{question}}\n');
    writeFileSync(join(dir, 'prompts', 'broken.prompt.md'), '---\nmode: chat\n---\nAnswer {{qestion}}\n');
    writeFileSync(join(dir, 'node_modules', 'x', 'skipped.prompt.md'), '---\nmode: chat\n---\n{{question}}\n');
    writeFileSync(join(dir, 'notes.md'), '# not a template\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads built-in templates and workspace files with the exact text they were parsed from', async () => {
    const builtin = await loadTemplateRef('builtin:plain-chat', [dir]);
    assert.equal(builtin.template.mode, 'chat');
    assert.match(builtin.text, /^---\nid: plain-chat/);
    const file = await loadTemplateRef('prompts/short.prompt.md', [dir]);
    assert.deepEqual([file.template.id, file.template.system, file.template.params.max_tokens], ['short', 'Be brief.', 128]);
    assert.equal(file.text, '---\nmode: chat\nsystem: Be brief.\nmax_tokens: 128\n---\n{{question}}\n');
  });

  it('refuses a broken template with its errors at file:line:col, a file that is not a template, and a missing one', async () => {
    await assert.rejects(loadTemplateRef('prompts/broken.prompt.md', [dir]), (e: Error) => e instanceof TemplateRefError && /broken\.prompt\.md:4:10: error \[qestion\]: unknown placeholder '\{\{qestion\}\}'; did you mean '\{\{question\}\}'/.test(e.message));
    await assert.rejects(loadTemplateRef('notes.md', [dir]), /'notes\.md' is not a template/);
    await assert.rejects(loadTemplateRef('prompts/gone.prompt.md', [dir]), /template prompts\/gone\.prompt\.md not found/);
    await assert.rejects(loadTemplateRef('builtin:nope', [dir]), /no built-in template 'nope' \(built in: medical-cot, plain-chat\)/);
  });

  it('lists built-ins, then workspace templates (skipping node_modules), a broken one with its errors', async () => {
    const list = await listTemplates([dir], 'prompts/short.prompt.md');
    assert.deepEqual(
      list.templates.map((t) => [t.ref, t.mode, t.errors.length > 0]),
      [
        ['builtin:medical-cot', 'completion', false],
        ['builtin:plain-chat', 'chat', false],
        ['prompts/broken.prompt.md', undefined, true],
        ['prompts/short.prompt.md', 'chat', false],
      ],
    );
    assert.equal(list.defaultTemplate, 'prompts/short.prompt.md');
    assert.ok(list.templates[2]!.errors.some((e) => /broken\.prompt\.md:4:10: .*unknown placeholder/.test(e)), list.templates[2]!.errors.join('\n'));
  });
});

import { strict as assert } from 'node:assert';
import { renderMarkdown } from '../../../webview/markdown';

describe('answer markdown rendering', () => {
  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('Give <script>alert(1)</script> and <img src=x onerror=alert(1)>');
    assert.ok(!html.includes('<script'), html);
    assert.ok(!html.includes('<img'), html);
    assert.ok(html.includes('&lt;script&gt;'), html);
  });

  it('renders links without an href, so nothing can be followed', () => {
    const html = renderMarkdown('[guideline](https://example.org/x) and [x](javascript:alert(1))');
    assert.ok(!/href=/i.test(html), html);
    assert.ok(html.includes('title="https://example.org/x"'), html);
    assert.ok(html.includes('guideline'));
  });

  it('replaces images by their alt text so nothing is fetched', () => {
    const html = renderMarkdown('![chest x-ray](http://tracker.example/pixel.png)');
    assert.ok(!/<img/i.test(html), html);
    assert.ok(html.includes('[image: chest x-ray]'), html);
  });

  it('keeps ordinary clinical formatting', () => {
    const html = renderMarkdown('The next step is **intubation**.\n\n1. Oxygen\n2. Steroids');
    assert.ok(html.includes('<strong>intubation</strong>'));
    assert.ok(html.includes('<ol>'));
  });
});

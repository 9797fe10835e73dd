import { strict as assert } from 'node:assert';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside, entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (_, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    assert.ok(v !== undefined, `unknown entity &${e};`);
    return v;
  });
}

/**
 * A strict reader for the subset of XML the chart builder writes (elements, double-quoted attributes,
 * text, an optional declaration), written for the tests: it fails on anything not well-formed, so a
 * chart that a browser or an SVG editor would reject fails here too.
 */
export function parseXml(source: string): XmlElement {
  let i = source.startsWith('<?xml') ? source.indexOf('?>') + 2 : 0;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const text = source.slice(i, lt === -1 ? source.length : lt);
    assert.ok(!text.includes('>') && !/&(?!(#\d+|#x[0-9a-f]+|\w+);)/i.test(text), `bad character in text ${JSON.stringify(text.slice(0, 60))}`);
    stack[stack.length - 1]!.text += decode(text);
    if (lt === -1) break;
    const gt = source.indexOf('>', lt);
    assert.ok(gt > lt, 'unterminated tag');
    const tag = source.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const open = stack.pop();
      assert.equal(open?.name, tag.slice(1).trim(), `closing </${tag.slice(1)}> does not match <${open?.name}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const match = /^([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*$/.exec(body);
    assert.ok(match, `malformed tag <${tag.slice(0, 80)}>`);
    const attributes: Record<string, string> = {};
    for (const [, name, value] of match[2]!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      assert.ok(!(name! in attributes), `attribute ${name} repeated`);
      attributes[name!] = decode(value!);
    }
    const element: XmlElement = { name: match[1]!, attributes, children: [], text: '' };
    stack[stack.length - 1]!.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  assert.equal(stack.length, 1, `unclosed <${stack[stack.length - 1]?.name}>`);
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0]!;
}

export function descendants(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (!name || c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(element);
  return out;
}

/** All text inside an element, children included. */
export function allText(element: XmlElement): string {
  return element.text + element.children.map(allText).join('');
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, scriptText } from '../../src/report/escape.js';

describe('escaping', () => {
  it('escapes markup in text', () => {
    expect(escapeHtml(`</script><script>alert("1")</script> & 'x'`)).toBe(
      '&lt;/script&gt;&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; &#39;x&#39;',
    );
  });

  it('writes JSON that cannot leave a script element and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, s) => {
        const v = { value, s, tricky: `</script><!--\u2028\u2029&` };
        const out = jsonForScript(v);
        expect(out).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('keeps inlined library code from closing its script element', () => {
    const src = 'var a = "</script>"; var b = /<\\/SCRIPT>/;';
    const out = scriptText(src);
    expect(out).not.toMatch(/<\/script/i);
    expect(new Function(`${out}; return a;`)()).toBe('</script>');
  });
});

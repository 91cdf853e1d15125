/** Escaping for the two contexts the HTML report writes log text into. */

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text or attribute-value context. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}

/**
 * JSON to place inside a <script> element. `<` and `>` become \u escapes so no `</script>` or
 * `<!--` can end or alter the element; `&` likewise; U+2028/U+2029 are escaped because older
 * JavaScript parsers treat them as line ends inside string literals.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A library's source inlined into a <script> element: a literal `</script` (any case) inside it
 * would close the element, so its slash is escaped (`<\/script` means the same in JavaScript
 * strings and regular expressions, the only places it can occur).
 */
export function scriptText(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

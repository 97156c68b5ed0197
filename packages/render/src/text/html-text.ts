/**
 * Text a participant typed, made inert for HTML: every character that can open markup, an attribute or an
 * entity is escaped. Accord never renders participant input as markup, so escaping — not sanitising a
 * subset of HTML — is the whole rule: `<script>`, `javascript:` and event-handler payloads arrive as text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=/]/g, (char) => HTML_ENTITIES[char] ?? char);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
  '/': '&#47;',
};

/**
 * `escapeHtml`, plus a `<wbr>` break opportunity inside long unbroken runs (a version hash, an address) so a
 * table cell can wrap them without breaking ordinary words mid-word. Breaks go after `@ . / - _ :` and
 * otherwise every 16 characters; `<wbr>` is not text, so copying a hash still gives the hash.
 */
export function escapeHtmlBreakable(text: string): string {
  return text
    .split(/(\s+)/)
    .map((run) => (run.length < LONG_RUN ? escapeHtml(run) : breakRun(run)))
    .join('');
}

const LONG_RUN = 20;
const CHUNK = 16;

function breakRun(run: string): string {
  const pieces: string[] = [];
  let since = 0;
  let current = '';
  for (const char of run) {
    current += char;
    since += 1;
    if ('@./-_:'.includes(char) || since >= CHUNK) {
      pieces.push(current);
      current = '';
      since = 0;
    }
  }
  if (current !== '') pieces.push(current);
  return pieces.map(escapeHtml).join('<wbr>');
}

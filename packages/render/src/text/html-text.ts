/**
 * Text a participant typed, made inert for HTML: every character that can open markup, an attribute or an
 * entity is escaped. Accord never renders participant input as markup, so escaping — not sanitising a
 * subset of HTML — is the whole rule: `<script>`, `javascript:` and event-handler payloads arrive as text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=/]/g, (char) => HTML_ENTITIES[char] ?? char);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;', '/': '&#47;',
};

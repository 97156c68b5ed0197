/** U+2060 WORD JOINER: invisible, and no linkifier reads a URL, domain or address across it. */
export const WORD_JOINER = '\u2060';

/**
 * Text a participant typed, made inert for Markdown (CommonMark, GFM and linkifying previews alike):
 * - line breaks fold to spaces, so a value cannot start a new block;
 * - characters that open emphasis, code, links, images, tables, strikethrough, math, footnotes, mentions or
 *   raw HTML are backslash-escaped (`<`, `>` and `&` become entities), as is a leading list or heading marker;
 * - bare URLs, domains and e-mail addresses are broken with an invisible word joiner after `:`, `@` and the
 *   dots of a domain, because previews that linkify (GFM, markdown-it) work on text after escapes are undone.
 * `[x](javascript:…)`, `![x](http://…)` and `http://evil.example` all stay literal, unlinked text.
 */
export function escapeMarkdown(text: string): string {
  return escapeInline(text).replace(
    /^(\s*)(-|\d+(?=[.)](?:\s|$)))/,
    (_, space: string, marker: string) => `${space}${marker === '-' ? '\\-' : `${marker}\\`}`,
  );
}

/** The inline part of `escapeMarkdown`, for text that never starts a line (table cells). */
function escapeInline(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_{}[\]#+!|~:@$]|[<>&]/g, (char) => ENTITY[char] ?? `\\${char}`)
    .replace(/\\:(?=\/\/)/g, `\\:${WORD_JOINER}`)
    .replace(/\\@(?=[\p{L}\p{N}])/gu, `\\@${WORD_JOINER}`)
    .replace(/(?<=[\p{L}\p{N}])\.(?=\p{L})/gu, `.${WORD_JOINER}`);
}

const ENTITY: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** A table cell: escaped text whose pipes cannot split the row, never empty. */
export function markdownCell(text: string): string {
  return escapeInline(text) || ' ';
}

/** Reverses `escapeMarkdown` for reading text back (tests, diffs): the inert form's plain characters. */
export function unescapeMarkdown(markdown: string): string {
  return markdown
    .replaceAll(WORD_JOINER, '')
    .replace(/\\([\\`*_{}[\]#+!|~:@$\-.)])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Text a participant typed, made inert for Markdown: characters that start emphasis, links, images, code,
 * headings, tables or raw HTML are backslash-escaped, and line breaks fold to spaces so a value cannot start
 * a new block. `[x](javascript:…)` and `![x](http://…)` stay literal text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+\-.!|~&"']/g, (char) => (char === '<' ? '&lt;' : char === '>' ? '&gt;' : char === '&' ? '&amp;' : `\\${char}`));
}

/** A table cell: escaped text whose pipes cannot split the row. */
export function markdownCell(text: string): string {
  return escapeMarkdown(text) || ' ';
}

import type { RenderedDocument } from '../render-input.ts';
import { unescapeMarkdown } from '../../text/markdown-text.ts';
import { toWinAnsi } from '../../text/pdf-text.ts';
import { extractPdfText } from './pdf-text-extract.ts';

const ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#96;': '`',
  '&#61;': '=',
  '&#47;': '/',
  '&amp;': '&',
};

/** Runs of whitespace as one space: wrapping, table cells and line breaks do not split a phrase. */
export function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * What a reader of each format sees, as plain text: HTML without tags and with entities decoded, Markdown
 * unescaped, PDF text drawn on the pages. JSON and YAML are returned as written.
 */
export function visibleText(extension: string, document: RenderedDocument): string {
  const body = document.body;
  if (body instanceof Uint8Array) return flatten(extractPdfText(body));
  switch (extension) {
    case 'html':
      return flatten(
        body
          .replace(/<style>[\s\S]*?<\/style>/, ' ')
          .replace(/<wbr>/g, '')
          .replace(/<[^>]*>/g, ' ')
          .replace(/&(?:lt|gt|quot|#39|#96|#61|#47|amp);/g, (e) => ENTITIES[e] ?? e),
      );
    case 'md':
      // Table rules and cell separators are structure, not text: escaped pipes inside cells stay.
      return flatten(unescapeMarkdown(body.replace(/^\|(?: ?:?-+:? ?\|)+$/gm, ' ').replace(/(?<!\\)\|/g, ' ')));
    default:
      return body;
  }
}

/** A phrase as it appears in a format's visible text: PDF text is folded to WinAnsi. */
export function asShown(extension: string, phrase: string): string {
  return flatten(extension === 'pdf' ? toWinAnsi(phrase) : phrase);
}

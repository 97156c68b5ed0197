import type * as Certificate from '@accord/render/certificate';
import type * as Render from '@accord/render/render';

let render: Promise<typeof Render> | undefined;
let certificate: Promise<typeof Certificate> | undefined;

/**
 * The renderers — every document format, PDFKit and its fonts — load with the first document rendered or
 * checked, not at start: a server that only relays edits never holds them (about 50 MB of RSS when run
 * from source, a quarter of the process before any workshop is loaded).
 */
export function loadRenderers(): Promise<typeof Render> {
  return (render ??= import('@accord/render/render'));
}

/** The PDF certificate page and revision reader, loaded on first use (see `loadRenderers`). */
export function loadCertificates(): Promise<typeof Certificate> {
  return (certificate ??= import('@accord/render/certificate'));
}

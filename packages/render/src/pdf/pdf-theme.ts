import type { Tone } from '../document/document-model.ts';

/** A4 in points, with room above and below the body for the running header and footer. */
export const PAGE = Object.freeze({ width: 595.28, height: 841.89, left: 50, right: 50, top: 62, bottom: 58 });
export const BODY_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** The standard PDF fonts: nothing to embed, same bytes on every machine. Text is folded to WinAnsi for them. */
export const FONT = Object.freeze({
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
  mono: 'Courier',
});

export const SIZE = Object.freeze({
  body: 9,
  small: 7.5,
  table: 8,
  h1: 22,
  part: 16,
  section: 13,
  subsection: 11,
  heading: 8.5,
});

export const COLOR = Object.freeze({
  ink: '#1f2933',
  muted: '#52606d',
  line: '#d9dee3',
  soft: '#f3f5f8',
  accent: '#2f5d8a',
  error: '#b42318',
  errorBg: '#fdecea',
  warning: '#8a5a00',
  warningBg: '#fff4e0',
  info: '#1d4f91',
  infoBg: '#e8f0fb',
  ok: '#1e6b3c',
  okBg: '#e7f5ec',
  draft: '#a15c00',
  draftBg: '#ffefd1',
});

export function toneColor(tone: Tone | undefined): string {
  switch (tone) {
    case 'error':
      return COLOR.error;
    case 'warning':
      return COLOR.warning;
    case 'info':
      return COLOR.info;
    case 'ok':
      return COLOR.ok;
    case 'muted':
      return COLOR.muted;
    case undefined:
      return COLOR.ink;
    default: {
      const unknown: never = tone;
      return unknown;
    }
  }
}

/** Extra leading between lines of body text, points. */
export const LINE_GAP = 1.6;

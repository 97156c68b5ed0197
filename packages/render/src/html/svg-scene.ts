import type { Scene, SceneItem } from '../chart/scene.ts';
import { escapeHtml } from '../text/html-text.ts';

/** A scene as inline SVG: scales to the column width, keeps its aspect, text escaped like any HTML text. */
export function sceneSvg(scene: Scene): string {
  const body = scene.items.map(item).join('');
  return (
    `<svg class="chart" viewBox="0 0 ${scene.width} ${scene.height}" role="img" aria-label="${escapeHtml(scene.title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(scene.title)}</title>${body}</svg>`
  );
}

function item(shape: SceneItem): string {
  switch (shape.kind) {
    case 'rect':
      return `<rect x="${shape.x}" y="${shape.y}" width="${shape.w}" height="${shape.h}" fill="${shape.fill}"${shape.stroke ? ` stroke="${shape.stroke}"` : ''}/>`;
    case 'line':
      return `<line x1="${shape.x1}" y1="${shape.y1}" x2="${shape.x2}" y2="${shape.y2}" stroke="${shape.stroke}" stroke-width="${shape.width}"/>`;
    case 'text':
      return `<text x="${shape.x}" y="${shape.y}" font-size="${shape.size}" text-anchor="${shape.anchor}" fill="${shape.fill}"${shape.bold ? ' font-weight="bold"' : ''}>${escapeHtml(shape.text)}</text>`;
    default: {
      const unknown: never = shape;
      return unknown;
    }
  }
}

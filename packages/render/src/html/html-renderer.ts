import type { DocumentModel, Section } from '../document/document-model.ts';
import { escapeHtml as e } from '../text/html-text.ts';
import { blockHtml } from './html-blocks.ts';
import { HTML_STYLE } from './html-style.ts';

/**
 * The document as one self-contained HTML file: inline CSS and SVG, no scripts, no external resources. Its
 * Content-Security-Policy forbids scripts and remote loads, so even a mistake in escaping could not run code.
 */
export function renderHtml(model: DocumentModel): string {
  const { identity } = model;
  const toc = model.parts
    .map(
      (part) =>
        `<li><div class="part-title">${e(part.title)}</div><ol>${part.sections
          .map((s) => `<li><a href="#${e(s.id)}">${e(s.number)}. ${e(s.title)}</a></li>`)
          .join('')}</ol></li>`,
    )
    .join('');
  const parts = model.parts
    .map(
      (part) =>
        `<section class="part part-${part.id}" id="${e(part.id)}"><h2 class="part">${e(part.title)}</h2>` +
        part.sections.map((section) => sectionHtml(section, 3)).join('') +
        '</section>',
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>${e(`${model.service} — service level agreement — ${identity.versionLabel}`)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<main>
<header class="cover">
<p class="kicker">Service level agreement and justification</p>
<h1>${e(model.service)}</h1>
<p>${e(model.title)}</p>
<p><span class="status ${model.signOff.state}">${e(identity.draft ? identity.versionLabel : `${identity.versionLabel} · ${identity.status}`)}</span></p>
<p class="meta-line">${identity.published ? `Published ${e(identity.published)} · ` : ''}SHA-256 <span class="hash">${e(identity.hash)}</span></p>
<p class="meta-line">${e(model.convention)}</p>
</header>
<nav class="toc" aria-label="Contents"><ol>${toc}</ol></nav>
${parts}
<footer>${e(model.service)} · ${e(identity.versionLabel)} · SHA-256 <span class="hash">${e(identity.hash)}</span> · derived by Accord</footer>
</main>
</body>
</html>
`;
}

function sectionHtml(section: Section, level: 3 | 4): string {
  const tag = `h${level}`;
  return (
    `<section id="${e(section.id)}"><${tag}><span class="num">${e(section.number)}</span>${e(section.title)}</${tag}>` +
    section.blocks.map(blockHtml).join('') +
    section.subsections.map((sub) => sectionHtml(sub, 4)).join('') +
    '</section>'
  );
}

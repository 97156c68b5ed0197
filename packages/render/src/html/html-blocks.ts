import { budgetChartScene } from '../chart/budget-chart-scene.ts';
import { weekGridScene } from '../chart/week-grid-scene.ts';
import type { Block, Cell, Column, FindingView, SignOffView } from '../document/document-model.ts';
import { escapeHtml as e, escapeHtmlBreakable as eb } from '../text/html-text.ts';
import { sceneSvg } from './svg-scene.ts';

/** One block as HTML. Every string from the model goes through `escapeHtml`; class names are constants. */
export function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p${block.tone ? ` class="tone-${block.tone}"` : ''}>${e(block.text)}</p>`;
    case 'heading':
      return `<h5>${e(block.text)}</h5>`;
    case 'facts':
      return `<table class="facts"><tbody>${block.rows.map(([label, value]) => `<tr><th scope="row">${e(label)}</th><td>${eb(value)}</td></tr>`).join('')}</tbody></table>`;
    case 'table':
      return tableHtml(block.columns, block.rows);
    case 'list':
      return `<ul>${block.items.map((text) => `<li>${e(text)}</li>`).join('')}</ul>`;
    case 'findings':
      return `<ul class="findings">${block.findings.map(findingHtml).join('')}</ul>`;
    case 'budget-chart':
      return figureHtml(sceneSvg(budgetChartScene(block.chart)), 'Downtime budget chart');
    case 'week-grid':
      return figureHtml(sceneSvg(weekGridScene(block.grid)), 'Week grid');
    case 'signatures':
      return signaturesHtml(block.signOff);
    default: {
      const unknown: never = block;
      return unknown;
    }
  }
}

const WIDE_TABLE_COLUMNS = 6;

function tableHtml(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const cols = columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(1)}%">`).join('');
  const head = columns
    .map((c) => `<th scope="col"${c.align === 'right' ? ' class="right"' : ''}>${e(c.label)}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((cell, index) => {
            const classes = [columns[index]?.align === 'right' ? 'right' : '', cell.tone ? `tone-${cell.tone}` : '']
              .filter((c) => c !== '')
              .join(' ');
            return `<td${classes ? ` class="${classes}"` : ''}>${eb(cell.text)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  const table = `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  // On a phone a table too wide for the screen scrolls sideways inside its box rather than breaking words
  // mid-word or widening the page; seven or more columns (the budgets per period) always need that room.
  return `<div class="table-scroll${columns.length > WIDE_TABLE_COLUMNS ? ' wide' : ''}">${table}</div>`;
}

/**
 * A chart keeps its drawn size on a narrow screen and scrolls sideways instead of shrinking its labels to a
 * few pixels; the scrolling box is focusable and named so a keyboard can scroll it too.
 */
function figureHtml(svg: string, label: string): string {
  return `<div class="figure" role="region" aria-label="${e(label)}" tabindex="0">${svg}</div>`;
}

function findingHtml(finding: FindingView): string {
  // The code stays out of the text a sponsor reads (the appendix lists it); tools find it in data-code.
  return (
    `<li class="finding ${finding.severity}" data-code="${e(finding.code)}"><strong class="title">${e(finding.title)}</strong> · ${e(finding.severity)} · ` +
    `<span class="where">${e(finding.where)}</span><p>${e(finding.message)}</p><p><strong>Fix:</strong> ${e(finding.fix)}</p></li>`
  );
}

function signaturesHtml(signOff: SignOffView): string {
  const cards = signOff.sponsors
    .map(
      (s) =>
        `<div class="signature ${s.status}"><div class="who">${e(s.name)}</div>` +
        `<div class="role">${e(s.role || 'Sponsor')}</div><div class="state">${e(s.statusText)}</div>` +
        `${s.comment ? `<div class="comment">${e(s.comment)}</div>` : ''}<div class="line">Signature for ${e(signOff.versionLabel)}</div></div>`,
    )
    .join('');
  return (
    `<div class="sign-off"><p class="sign-status">${e(signOff.statusLine)}</p>` +
    `<p>Version hash (SHA-256): <span class="hash">${e(signOff.hash)}</span></p>` +
    (signOff.sponsors.length === 0 ? '<p>No sponsors are named.</p>' : `<div class="signatures">${cards}</div>`) +
    '</div>'
  );
}

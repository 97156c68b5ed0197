import type { Block, DocumentModel, Section, SignOffView } from '../document/document-model.ts';
import { escapeMarkdown as e, markdownCell as c } from '../text/markdown-text.ts';
import { textWeekGrid } from './text-week-grid.ts';

/**
 * The document as GitHub-flavoured Markdown. Every string from the model is escaped (see `escapeMarkdown`);
 * the only raw text is Accord's own structure: headings, table rules, list markers and the week-grid sketch.
 */
export function renderMarkdown(model: DocumentModel): string {
  const { identity } = model;
  const out: string[] = [
    `# ${e(model.service)}: service level agreement and justification`,
    '',
    e(model.title),
    '',
    // A draft's status already begins with its label: say it once.
    identity.status.startsWith(identity.versionLabel)
      ? `**${e(identity.status)}**`
      : `**${e(identity.versionLabel)}**: ${e(identity.status)}`,
    '',
    ...(identity.published ? [`Published ${e(identity.published)}`, ''] : []),
    `SHA-256 of this version: ${e(identity.hash)}`,
    '',
    `> ${e(model.convention)}`,
    '',
    '**Contents**',
    '',
    ...model.parts.flatMap((part) => [
      `- ${e(part.title)}`,
      ...part.sections.map((s) => `  - ${e(s.number)}\\. ${e(s.title)}`),
    ]),
    '',
  ];
  for (const part of model.parts) {
    out.push(`## ${e(part.title)}`, '');
    for (const section of part.sections) out.push(...sectionMarkdown(section, 3));
  }
  out.push(
    '---',
    '',
    `${e(model.service)} · ${e(identity.versionLabel)} · SHA-256 ${e(identity.hash)} · derived by Accord`,
    '',
  );
  return out.join('\n');
}

function sectionMarkdown(section: Section, level: number): string[] {
  return [
    `${'#'.repeat(level)} ${e(section.number)} ${e(section.title)}`,
    '',
    ...section.blocks.flatMap(blockMarkdown),
    ...section.subsections.flatMap((sub) => sectionMarkdown(sub, level + 1)),
  ];
}

function blockMarkdown(block: Block): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [block.tone === 'error' ? `**${e(block.text)}**` : e(block.text), ''];
    case 'heading':
      return [`**${e(block.text)}**`, ''];
    case 'facts':
      return [
        table(
          ['Item', 'Value'],
          ['---', '---'],
          block.rows.map(([label, value]) => [c(label), c(value)]),
        ),
        '',
      ];
    case 'table':
      return [
        table(
          block.columns.map((col) => c(col.label)),
          block.columns.map((col) => (col.align === 'right' ? '---:' : '---')),
          block.rows.map((row) => row.map((cell) => c(cell.text))),
        ),
        '',
      ];
    case 'list':
      return [...block.items.map((item) => `- ${e(item)}`), ''];
    case 'findings':
      return [
        ...block.findings.map(
          (f) => `- **${e(f.title)}** (${e(f.severity)}, ${e(f.where)}): ${e(f.message)} *Fix:* ${e(f.fix)}`,
        ),
        '',
      ];
    case 'budget-chart':
      return ['*The budget chart is in the HTML and PDF documents; the table below holds the same figures.*', ''];
    case 'week-grid':
      return [
        '```text',
        textWeekGrid(block.grid),
        '```',
        '',
        `S: ${e(block.grid.serviceLabel)} (█). C: ${e(block.grid.staffedLabel)} (█), ${e(block.grid.onCallLabel)} (▒), measured time with nobody on duty (\\!). ` +
          'M: maintenance excluded (x) or counted (o). One character per hour, · for none.',
        '',
        ...block.grid.notes.map((note) => `- ${e(note)}`),
        ...(block.grid.notes.length > 0 ? [''] : []),
      ];
    case 'signatures':
      return signaturesMarkdown(block.signOff);
    default: {
      const unknown: never = block;
      return unknown;
    }
  }
}

function table(head: readonly string[], rule: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(rule), ...rows.map(line)].join('\n');
}

function signaturesMarkdown(signOff: SignOffView): string[] {
  return [
    `**${e(signOff.statusLine)}**`,
    '',
    `Version hash (SHA-256): ${e(signOff.hash)}`,
    '',
    ...(signOff.sponsors.length === 0
      ? ['No sponsors are named.']
      : [
          table(
            ['Sponsor', 'Role', 'Status', 'Comment'],
            ['---', '---', '---', '---'],
            signOff.sponsors.map((s) => [c(s.name), c(s.role || 'Sponsor'), c(s.statusText), c(s.comment || '—')]),
          ),
        ]),
    '',
  ];
}

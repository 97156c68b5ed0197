/**
 * The document's only stylesheet, inlined so the file stands alone: readable on screen, and on paper A4 with
 * parts starting on a new page, table rows and charts never split, and colours kept.
 */
export const HTML_STYLE = `
:root { --ink: #1f2933; --muted: #52606d; --line: #d9dee3; --soft: #f5f7fa; --accent: #2f5d8a;
  --error: #b42318; --error-bg: #fdecea; --warning: #8a5a00; --warning-bg: #fff4e0; --info: #1d4f91; --info-bg: #e8f0fb;
  --ok: #1e6b3c; --ok-bg: #e7f5ec; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 32px 28px 64px; }
header.cover { border-bottom: 3px solid var(--accent); padding-bottom: 16px; margin-bottom: 24px; }
header.cover .kicker { color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 12px; margin: 0; }
h1 { font-size: 30px; line-height: 1.2; margin: 4px 0 8px; }
h2.part { font-size: 24px; margin: 40px 0 8px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 19px; margin: 28px 0 8px; }
h4 { font-size: 16px; margin: 20px 0 6px; }
h5 { font-size: 14px; margin: 16px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.num { color: var(--muted); font-weight: 600; margin-right: .4em; }
.status { display: inline-block; padding: 4px 10px; border-radius: 4px; font-weight: 600; background: var(--info-bg); color: var(--info); }
.status.draft { background: repeating-linear-gradient(-45deg, #fff4e0, #fff4e0 10px, #ffe7bf 10px, #ffe7bf 20px); color: var(--warning); border: 1px solid #e0b25c; }
.status.approved { background: var(--ok-bg); color: var(--ok); }
.status.rejected { background: var(--error-bg); color: var(--error); }
.hash, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
.meta-line { color: var(--muted); margin: 6px 0 0; }
nav.toc { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 12px 18px; margin: 20px 0; columns: 2; column-gap: 32px; font-size: 14px; }
nav.toc ol { margin: 0; padding-left: 0; list-style: none; }
nav.toc li { break-inside: avoid; }
nav.toc a { color: var(--accent); text-decoration: none; }
nav.toc .part-title { font-weight: 700; margin-top: 4px; }
table { width: 100%; border-collapse: collapse; margin: 10px 0 16px; font-size: 13.5px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: manual; }
p, li { overflow-wrap: break-word; }
.figure { overflow-x: auto; }
.figure > .chart { min-width: 720px; }
.table-scroll { overflow-x: auto; margin: 10px 0 16px; }
.table-scroll > table { margin: 0; }
.table-scroll.wide > table { min-width: 560px; }
th { background: var(--soft); font-weight: 600; border-bottom: 2px solid var(--line); }
td.right, th.right { text-align: right; }
td.right { white-space: nowrap; }
tr { break-inside: avoid; }
table.facts th { width: 30%; background: none; border-bottom: 1px solid var(--line); }
td.tone-error { color: var(--error); font-weight: 600; } td.tone-warning { color: var(--warning); } td.tone-ok { color: var(--ok); } td.tone-muted { color: var(--muted); }
p.tone-error { color: var(--error); font-weight: 600; } p.tone-warning { color: var(--warning); } p.tone-ok { color: var(--ok); }
.findings { list-style: none; padding: 0; margin: 10px 0 16px; }
.finding { border-left: 4px solid var(--info); background: var(--info-bg); padding: 8px 12px; margin: 8px 0; border-radius: 0 4px 4px 0; break-inside: avoid; }
.finding.error { border-color: var(--error); background: var(--error-bg); }
.finding.warning { border-color: #d08a00; background: var(--warning-bg); }
.finding .title { font-weight: 700; }
.finding .where { color: var(--muted); }
.finding p { margin: 4px 0 0; }
.chart { width: 100%; height: auto; display: block; margin: 12px 0 18px; font-family: system-ui, Helvetica, Arial, sans-serif; break-inside: avoid; }
.signatures { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 12px; margin: 12px 0; }
.signature { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; break-inside: avoid; }
.signature .who { font-weight: 700; }
.signature .role { color: var(--muted); }
.signature .state { margin-top: 8px; font-weight: 600; }
.signature.signed .state { color: var(--ok); } .signature.rejected .state { color: var(--error); } .signature.pending .state { color: var(--muted); }
.signature .line { margin-top: 28px; border-top: 1px solid var(--ink); padding-top: 2px; font-size: 12px; color: var(--muted); }
.sign-status { font-weight: 600; }
footer { margin-top: 48px; border-top: 1px solid var(--line); padding-top: 10px; color: var(--muted); font-size: 12.5px; }
@media (max-width: 600px) {
  main { padding: 20px 14px 48px; }
  table { font-size: 12px; }
  th, td { padding: 4px 3px; }
  table.facts th { width: 38%; }
}
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav.toc { break-inside: avoid; }
  section.part-justification { break-before: page; }
  h2, h3, h4, h5 { break-after: avoid; }
  table { font-size: 9pt; }
  .figure { overflow: visible; }
  .figure > .chart, .table-scroll.wide > table { min-width: 0; }
  .table-scroll { overflow: visible; }
  thead { display: table-header-group; }
}
`;

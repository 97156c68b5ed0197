import { FINDING_CODES } from '@accord/core/findings';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../html/html-renderer.ts';
import { renderMarkdown } from '../markdown/markdown-renderer.ts';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { buildDocument } from './build-document.ts';
import { findingView } from './finding-views.ts';

// Regressions from a workshop where a sponsor read the signed documents (issue 16, item 10): internal codes in
// the body, the same warning three times, no plain line for what a change means, a finding quoting 11 h where
// the summary said 12 h, "nobody on duty: 0s", "Dns".

const input = inputFor(messagingRequirements(), PUBLISHED);
const md = renderMarkdown(buildDocument(input));
const html = renderHtml(buildDocument(input));
const findings = input.record.derivation.findings;

/** Markdown escapes punctuation and breaks addresses with a word joiner; compare text as a reader sees it. */
const plain = (text: string): string => text.replace(/\\(.)/g, '$1').replace(/\u2060/g, '');
const appendixAt = md.lastIndexOf('Appendix\\: finding codes');
const body = plain(md.slice(0, appendixAt));

describe('the documents a manager reads', () => {
  it('keeps finding codes out of the SLA and the justification body; the appendix lists them', () => {
    expect(appendixAt).toBeGreaterThan(0);
    for (const code of FINDING_CODES) expect(body).not.toContain(code);
    for (const code of new Set(findings.map((f) => f.code))) expect(plain(md.slice(appendixAt))).toContain(code);
    // HTML shows no code either; tools read it from data-code.
    const visible = html.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '');
    const appendix = visible.lastIndexOf('Appendix: finding codes');
    for (const code of FINDING_CODES) expect(visible.slice(0, appendix)).not.toContain(code);
  });

  it('writes each warning out once, not again in Part II', () => {
    expect(findings.length).toBeGreaterThan(10);
    const model = buildDocument(input);
    const views = model.parts
      .flatMap((part) => part.sections)
      .flatMap(function all(section): (typeof section)[] {
        return [section, ...section.subsections.flatMap(all)];
      })
      .flatMap((section) => section.blocks)
      .flatMap((block) => (block.kind === 'findings' ? block.findings : []));
    // Every finding is written out (message and fix) exactly once in the whole document.
    const key = (v: { code: string; where: string; message: string }): string => `${v.code} ${v.where} ${v.message}`;
    expect(views.map(key).sort()).toEqual(findings.map((f) => key(findingView(f, input.record.derivation))).sort());
    for (const view of views)
      expect(body.split(`(${view.severity}, ${view.where}): ${view.message}`).length - 1).toBe(1);
  });

  it('puts a plain line beside a decided RTO and a proposed target', () => {
    expect(body).toContain(
      '30m — After a component failure, Mailbox access may be down for up to 30 minutes before it works again.',
    );
    expect(body).toContain(
      '99.9 % — Webmail (Outlook Web Access) may be down for up to 42 minutes in an average month.',
    );
  });

  it('quotes the same support gap in the finding and in the support section', () => {
    const gap = findings.find((f) => f.code === 'SUPPORT_GAP_EXCEEDS_RTO');
    const hours = gap?.message.match(/for (\d+h) of measured time/)?.[1];
    expect(hours).toBe('11h');
    const support = body.slice(body.indexOf('### 12 Support'), body.indexOf('### 13 '));
    expect(support).toContain(`${hours} from Sunday 20:00 for Webmail (Outlook Web Access), Mobile sync (ActiveSync)`);
    expect(support).toContain('12h around the clock, from Saturday 20:00 (Europe/Berlin)');
  });

  it('quotes the same monthly budget in a finding as in the commitments table', () => {
    const rto = findings.find(
      (f) => f.code === 'RTO_EXCEEDS_BUDGET' && f.functionId === 'mailbox-access' && f.scenario === 'component-failure',
    );
    expect(rto?.message).toContain('the monthly budget of 15m at 99.9 %');
    expect(body).toContain(
      '| Mailbox access | 99.9 % | service hours (Business hours) | under 1m | 3m | 15m | 12m (May 2027) | 45m | 3h 2m |',
    );
  });

  it('says someone is always on duty instead of a stretch of 0s', () => {
    const requirements = messagingRequirements();
    const always = {
      id: 'always',
      name: 'Always',
      timeZone: 'Europe/Berlin',
      holidays: [],
      slots: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({
        day,
        start: '00:00',
        end: '24:00',
      })),
    };
    const covered = renderMarkdown(
      buildDocument(
        inputFor(
          {
            ...requirements,
            calendars: [...requirements.calendars, always] as typeof requirements.calendars,
            support: { ...requirements.support, onCallCalendarId: 'always' },
          },
          PUBLISHED,
        ),
      ),
    );
    expect(covered).toContain(
      '| Longest stretch without anyone on duty | none\\: someone is always on duty or on call |',
    );
    expect(covered).not.toMatch(/on duty \| 0s/);
  });

  it('spells acronyms as such: DNS, not Dns', () => {
    expect(body).toContain('| Internal DNS | DNS | single |');
    expect(body).not.toMatch(/\bDns\b/);
  });
});

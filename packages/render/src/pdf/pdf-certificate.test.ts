import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../document/build-document.ts';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { extractPdfText, inflatePdf } from '../render/test-support/pdf-text-extract.ts';
import { appendCertificate, pdfRevisions, type CertificateInput } from './pdf-certificate.ts';
import { renderPdf } from './pdf-renderer.ts';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('appendCertificate', async () => {
  const signOff = {
    approved: false,
    certified: true,
    sponsors: [
      { name: 'Dr. Karin Vogt', role: 'CIO', status: 'pending' as const },
      { name: 'Markus Brandt', role: 'Head of Sales Operations', status: 'pending' as const },
    ],
  };
  const input = inputFor(messagingRequirements(), PUBLISHED, signOff);
  const signed = await renderPdf(buildDocument(input), PUBLISHED.publishedAt);
  const certificate: CertificateInput = {
    title: 'Enterprise messaging: service level agreement, Version 3',
    hash: input.hash,
    pdfSha256: sha(signed),
    statusLine: '1 of 2 approvers signed.',
    pending: ['Markus Brandt'],
    signatures: [
      {
        name: 'Dr. Karin Vogt',
        title: 'CIO',
        decision: 'signed',
        at: '2026-11-22T09:10:00.000Z',
        identity: 'single sign-on: http://127.0.0.1:4000, subject karin',
        email: 'karin.vogt@example.com',
        ip: '127.0.0.1',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131',
        statement: 'I, Dr. Karin Vogt, approve version 3.',
        comment: 'Agreed (with thanks).',
        hash: input.hash,
        pdfSha256: sha(signed),
      },
    ],
  };
  const certified = appendCertificate(signed, certificate);
  const pageCount = (pdf: Uint8Array): number =>
    Number([...inflatePdf(pdf).matchAll(/\/Type \/Pages\n\/Count (\d+)/g)].at(-1)?.[1]);

  it('keeps every byte of the signed file: it is a prefix of the certified one', () => {
    expect(certified.length).toBeGreaterThan(signed.length);
    expect(Buffer.from(certified.subarray(0, signed.length)).equals(Buffer.from(signed))).toBe(true);
    expect(sha(pdfRevisions(certified)[1] ?? new Uint8Array())).toBe(sha(signed));
  });

  it('adds a page listing each signature with its identity, time and hashes', () => {
    expect(pageCount(certified)).toBe(pageCount(signed) + 1);
    const text = extractPdfText(certified);
    expect(text).toContain('Certificate of signatures');
    expect(text).toContain('1. Dr. Karin Vogt, CIO: signed');
    expect(text).toContain('Time (UTC): 2026-11-22T09:10:00.000Z');
    expect(text).toContain('Identity: single sign-on: http://127.0.0.1:4000, subject karin');
    expect(text).toContain(`PDF SHA-256: ${sha(signed)}`);
    expect(text).toContain('Comment: Agreed (with thanks).');
    expect(text).toContain('Still to decide: Markus Brandt');
  });

  it('writes a cross-reference section that points at each new object', () => {
    const raw = Buffer.from(certified).toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(raw)?.[1]);
    expect(raw.slice(startxref, startxref + 4)).toBe('xref');
    for (const m of raw.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)) {
      expect(raw.slice(Number(m[1])), 'each offset starts an object').toMatch(/^\d+ 0 obj\n/);
    }
    expect(raw).toMatch(/\/Prev \d+/);
  });

  it('states in the signed file that decisions are on the certificate, never a count that goes stale', () => {
    const text = extractPdfText(signed);
    expect(text).toContain('Published for sign-off by 2 named approvers.');
    // ("Page 10 of 22" contains the characters too: match the count itself.)
    expect(text).not.toMatch(/\b0 of 2 (approvers|sponsors)/);
  });

  it('spreads many signatures over more certificate pages', () => {
    const many = appendCertificate(signed, {
      ...certificate,
      signatures: Array.from({ length: 12 }, () => certificate.signatures[0]!),
    });
    expect(pageCount(many)).toBeGreaterThan(pageCount(signed) + 1);
    expect(extractPdfText(many)).toContain('Certificate page 2 of');
  });
});

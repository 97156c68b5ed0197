import { describe, expect, it } from 'vitest';
import { renderDocument } from './render-document.ts';
import {
  ALL_HOSTILE,
  HOSTILE,
  hostileRequirements,
  inputFor,
  messagingRequirements,
  PUBLISHED,
} from './test-support/fixtures.ts';
import { factsOf, RENDERER_CASES } from './test-support/renderer-cases.ts';

const published = inputFor(messagingRequirements(), PUBLISHED, {
  approved: false,
  sponsors: [
    { name: 'Dr. Karin Vogt', role: 'CIO', status: 'signed', at: '2026-11-22T09:10:00.000Z' },
    { name: 'Markus Brandt', role: 'Head of Sales Operations', status: 'pending' },
  ],
});
const hostile = inputFor(hostileRequirements(), PUBLISHED, {
  approved: false,
  sponsors: [
    {
      name: HOSTILE.script,
      role: HOSTILE.yaml,
      status: 'rejected',
      at: '2026-11-22T10:00:00.000Z',
      comment: ALL_HOSTILE,
    },
  ],
});

describe.each(RENDERER_CASES)('the $format renderer', (renderer) => {
  it('states every target, budget, RPO and RTO, the support hours, each finding code and the convention', async () => {
    const doc = await renderDocument(renderer.format, published);
    const facts = factsOf(published);
    expect(facts.length).toBeGreaterThan(20);
    const missing = facts.filter((fact) => !renderer.states(doc, fact, published));
    expect(missing).toEqual([]);
  });

  it('keeps script tags, javascript: links, Markdown links and images and YAML-breaking text inert', async () => {
    const doc = await renderDocument(renderer.format, hostile);
    renderer.assertInert(doc, hostile, Object.values(HOSTILE));
  });

  it('renders the same input to identical bytes', async () => {
    const [first, second] = await Promise.all([
      renderDocument(renderer.format, published),
      renderDocument(renderer.format, published),
    ]);
    expect(Buffer.from(second?.body ?? '').equals(Buffer.from(first?.body ?? ''))).toBe(true);
    expect(first?.extension).toBe(second?.extension);
  });

  it('names its media type and file extension', async () => {
    const doc = await renderDocument(renderer.format, published);
    expect(doc.mediaType).toMatch(/^(text|application)\/[a-z]+/);
    expect(doc.extension).toMatch(/^[a-z]+(\.[a-z]+)?$/);
  });
});

import { documentFormatSchema } from '@accord/protocol/api';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_LINKS, EXPORT_LINKS } from './download-links.ts';

describe('download links', () => {
  it('offer every format the server renders, each once', () => {
    const offered = [...DOCUMENT_LINKS, ...EXPORT_LINKS].map((l) => l.format);
    expect([...offered].sort()).toEqual([...documentFormatSchema.options].sort());
    expect(new Set(offered).size).toBe(offered.length);
  });
});

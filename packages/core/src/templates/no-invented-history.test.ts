import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { requirementsSchema } from '../model/index.ts';
import { TEMPLATES } from './index.ts';

// A workshop started from a template must not open with proposals, votes or decisions by people who never took
// part: the justification would cite them as the room's own deliberation.
describe.each(TEMPLATES)('the $id template', (template) => {
  it('carries requirements and rationale, and no proposals, votes or decisions', () => {
    const parsed = requirementsSchema.parse(template.requirements);
    expect(parsed.proposals).toEqual([]);
    expect(parsed.decisions).toEqual([]);
    const file = parse(readFileSync(new URL(`../../../../templates/${template.id}.yaml`, import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(file.proposals ?? []).toEqual([]);
    expect(file.decisions ?? []).toEqual([]);
    expect(JSON.stringify(file)).not.toMatch(/"votes"/);
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../templates/index.ts';
import { requirementsJsonSchema, templateYaml } from './artifacts.ts';
import { parseRequirementsText } from './requirements-file.ts';

const repo = (path: string) => new URL(`../../../../${path}`, import.meta.url);

describe('checked-in artifacts', () => {
  it('the JSON Schema equals what the model generates (run scripts/write-artifacts.ts after a model change)', async () => {
    expect(await readFile(repo('packages/core/schema/requirements.v1.schema.json'), 'utf8')).toBe(
      requirementsJsonSchema(),
    );
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))(
    'templates/%s.yaml equals its template and is a valid requirements file',
    async (id, template) => {
      const text = await readFile(repo(`templates/${id}.yaml`), 'utf8');
      expect(text).toBe(templateYaml(template));
      expect(parseRequirementsText(text).ok).toBe(true);
    },
  );

  it('every object of the schema refuses unknown keys, so editors flag typos', () => {
    const open: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${at}/${i}`));
      else if (node !== null && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (record.type === 'object' && record.properties !== undefined && record.additionalProperties !== false)
          open.push(at);
        for (const [key, value] of Object.entries(record)) if (key !== 'default') walk(value, `${at}/${key}`);
      }
    };
    const schema = JSON.parse(requirementsJsonSchema());
    walk(schema, '');
    expect(open).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.functions.items.properties.availability.additionalProperties).toBe(false);
  });

  it('the schema describes the top-level sections and requires the format version', () => {
    const schema = JSON.parse(requirementsJsonSchema());
    expect(schema.required).toEqual(expect.arrayContaining(['formatVersion', 'meta']));
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['functions', 'components', 'calendars', 'support', 'backups', 'proposals']),
    );
  });
});

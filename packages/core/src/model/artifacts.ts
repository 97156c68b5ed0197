import { stringify } from 'yaml';
import { z } from 'zod';
import type { Template } from '../templates/index.ts';
import { FORMAT_VERSION, requirementsSchema } from './requirements.schema.ts';

/**
 * The JSON Schema of the requirements file format, generated from the zod model so the two cannot drift.
 * Cross-reference rules (ids that must exist, no cycles) are not expressible in JSON Schema; `accord validate`
 * checks them.
 */
export function requirementsJsonSchema(): string {
  const schema = z.toJSONSchema(requirementsSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  const document = {
    ...schema,
    $id: `https://accord.example/schema/requirements.v${FORMAT_VERSION}.schema.json`,
    title: `Accord requirements file, format version ${FORMAT_VERSION}`,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A template as the YAML requirements file checked in under `templates/`. */
export function templateYaml(template: Template): string {
  const header = `# ${template.name}\n# ${template.description}\n# Accord requirements file, format version ${FORMAT_VERSION}.\n`;
  return header + stringify(template.requirements, { lineWidth: 120 });
}

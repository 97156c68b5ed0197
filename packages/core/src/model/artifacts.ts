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
    ...closeObjects(schema),
    $id: `https://accord.example/schema/requirements.v${FORMAT_VERSION}.schema.json`,
    title: `Accord requirements file, format version ${FORMAT_VERSION}`,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Every object with named properties refuses other keys (`additionalProperties: false`), as `accord validate`
 * does, so editors flag a typo such as `downtimeCostPerHr` while it is typed.
 */
function closeObjects<T>(node: T): T {
  if (Array.isArray(node)) return node.map(closeObjects) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node))
    out[key] = key === 'default' || key === 'const' ? value : closeObjects(value);
  if (out.type === 'object' && out.properties !== undefined && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out as T;
}

/** A template as the YAML requirements file checked in under `templates/`. */
export function templateYaml(template: Template): string {
  const header = `# ${template.name}\n# ${template.description}\n# Accord requirements file, format version ${FORMAT_VERSION}.\n`;
  return header + stringify(template.requirements, { lineWidth: 120 });
}

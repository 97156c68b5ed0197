// Regenerates the checked-in artifacts derived from the model: the JSON Schema and the template files.
// Run after changing the model or a template: `npx tsx packages/core/scripts/write-artifacts.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requirementsJsonSchema, templateYaml } from '../src/model/artifacts.ts';
import { TEMPLATES } from '../src/templates/index.ts';

const root = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

writeFileSync(root('packages/core/schema/requirements.v1.schema.json'), requirementsJsonSchema());
for (const template of TEMPLATES) writeFileSync(root(`templates/${template.id}.yaml`), templateYaml(template));
console.log(`wrote the JSON Schema and ${TEMPLATES.length} templates`);

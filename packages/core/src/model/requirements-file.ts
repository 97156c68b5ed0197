import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { requirementsSchema, type Requirements } from './requirements.schema.ts';

export interface FileProblem {
  /** Where in the file, e.g. `functions[0].availability.targetPercent`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

export type ParseRequirementsResult =
  | { readonly ok: true; readonly value: Requirements }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };

/**
 * Read a requirements file from its text (JSON or YAML; JSON is YAML too, so one parser serves both).
 * Expected failures come back as problems naming the path, never as exceptions.
 */
export function parseRequirementsText(text: string): ParseRequirementsResult {
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100, prettyErrors: true });
  } catch (error) {
    // The parser's first line names the problem and its place; the code excerpt after it is for terminals.
    const message = error instanceof YAMLParseError ? (error.message.split('\n')[0] ?? error.message).replace(/:\s*$/, '') : 'not valid JSON or YAML';
    return { ok: false, problems: [{ path: '', message: `cannot parse the file: ${message}` }] };
  }
  return validateRequirements(data);
}

/** Validate already-parsed data (e.g. an HTTP JSON body or a Yjs snapshot) against the file format. */
export function validateRequirements(data: unknown): ParseRequirementsResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [{ path: '', message: 'a requirements file must be an object with formatVersion, meta, functions …' }] };
  }
  const result = requirementsSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map(toProblem) };
}

function toProblem(issue: z.core.$ZodIssue): FileProblem {
  // zod says "Invalid input: expected object, received undefined" for a field left out: say it plainly.
  const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
  return { path: formatPath(issue.path), message: missing ? `is missing (expected ${issue.expected})` : issue.message };
}

/** `['functions', 0, 'availability']` → `functions[0].availability`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

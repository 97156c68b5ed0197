import type { Context } from 'hono';
import type { z } from 'zod';
import { CONTROL_CHARACTER_MESSAGE, controlCharacterPath } from '@accord/protocol/plain-text';
import { AccordError } from '@accord/protocol/errors';

/** Largest request body, bytes: a requirements file import or a version's PDF to verify is the biggest. */
export const MAX_BODY_BYTES = 2 * 1_048_576;

/** Names the first problem of a zod error as "field: message", with the field path for the error body. */
export function describeIssue(error: z.ZodError): { message: string; field: string } {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  return { field, message: field ? `${field}: ${issue?.message ?? 'is invalid'}` : (issue?.message ?? 'is invalid') };
}

/** Parses a JSON body against a schema; a missing, unparsable or invalid body is a 400 naming the field. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new AccordError('unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AccordError('invalid_json', 'the body is not valid JSON');
  }
  // Every body, whatever its schema: a control character (NUL above all) is a 400 naming the field.
  const control = controlCharacterPath(body);
  if (control) {
    const field = control.map(String).join('.');
    throw new AccordError('invalid_body', `${field || 'the body'}: ${CONTROL_CHARACTER_MESSAGE}`, field || undefined);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const { field, message } = describeIssue(parsed.error);
    throw new AccordError('invalid_body', message, field || undefined);
  }
  return parsed.data;
}

/** A positive integer path or query parameter, else a 400 naming it. */
export function intParam(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw new AccordError('invalid_parameter', `${name} must be a positive whole number`, name);
  }
  return Number(value);
}

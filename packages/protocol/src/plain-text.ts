import type { z } from 'zod';

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL. None belongs in anything a
 * person types into Accord, and NUL cannot even be stored in a PostgreSQL text column (it answered 500).
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters (such as NUL)';

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/**
 * The path of the first string (value or key) in a JSON value that holds a control character, or undefined
 * when there is none. Walked with a stack, so a deeply nested payload cannot overflow it.
 */
export function controlCharacterPath(value: unknown): (string | number)[] | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const next = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof next.value === 'string') {
      if (hasControlCharacters(next.value)) return next.path;
      continue;
    }
    if (next.value === null || typeof next.value !== 'object') continue;
    if (Array.isArray(next.value)) {
      for (let index = next.value.length - 1; index >= 0; index -= 1)
        stack.push({ value: next.value[index], path: [...next.path, index] });
      continue;
    }
    const entries = Object.entries(next.value as Record<string, unknown>);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, child] = entries[index] as [string, unknown];
      if (hasControlCharacters(key)) return [...next.path, key];
      stack.push({ value: child, path: [...next.path, key] });
    }
  }
  return undefined;
}

/**
 * The one refinement every door uses (HTTP bodies, socket.io payloads): an issue at the first field that
 * holds a control character, so the 400 or the refusal names it.
 */
export function refuseControlCharacters(value: unknown, ctx: z.RefinementCtx): void {
  const path = controlCharacterPath(value);
  if (path) ctx.addIssue({ code: 'custom', path, message: CONTROL_CHARACTER_MESSAGE, input: value });
}

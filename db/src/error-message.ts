import { inspect } from 'node:util';

/**
 * A readable message for anything thrown. Migrations and the embedded database's WebAssembly can throw
 * values that are not `Error`s (plain objects, exit statuses); `String()` turns those into
 * "[object Object]", which tells an administrator nothing, so their fields are shown instead.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause === undefined ? '' : ` (cause: ${errorMessage(error.cause)})`;
    return `${error.message || error.name}${cause}`;
  }
  if (typeof error === 'string') return error;
  if (error !== null && typeof error === 'object') {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return message;
    return inspect(error, { depth: 2, breakLength: Infinity }).slice(0, 500);
  }
  return String(error);
}

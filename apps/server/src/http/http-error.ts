import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The one error type of the HTTP boundary: a status, a machine-readable code and a sentence that says what
 * was wrong and how to fix it. `onError` turns it into `{ error: { code, message, field? } }`; anything else
 * becomes a 500 that leaks nothing.
 */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** The request field at fault, e.g. `name` or `body.role`. */
    readonly field?: string,
    /** Problems of a requirements file, each naming its path. */
    readonly problems?: readonly { readonly path: string; readonly message: string }[],
  ) {
    super(message);
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} does not exist`);

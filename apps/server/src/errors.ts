import { AccordError } from '@accord/protocol/errors';
import { DocumentShapeRefused, DocumentTooLarge } from './sync/workshop-room.ts';

/**
 * What a failure says to the one who asked, whichever door: an `AccordError` as it is, the document's own
 * refusals as theirs; anything else is not the asker's to read (undefined: log it, answer `internal`).
 */
export function asAccordError(
  error: unknown,
  options: { readonly maxDocBytes?: number } = {},
): AccordError | undefined {
  if (error instanceof AccordError) return error;
  if (error instanceof DocumentShapeRefused) {
    return new AccordError('document_shape', `the change does not fit the workshop document: ${error.message}`);
  }
  if (error instanceof DocumentTooLarge) {
    const limit = options.maxDocBytes === undefined ? '' : ` (the limit is ${options.maxDocBytes} bytes)`;
    return new AccordError('document_too_large', `${error.message}${limit}`);
  }
  return undefined;
}

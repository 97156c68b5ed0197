/** The part of a file input that reading a chosen file needs (an `HTMLInputElement`, or a stand-in in tests). */
export interface FileInputLike {
  readonly files: {
    readonly length: number;
    readonly [index: number]: { readonly name: string; text(): Promise<string> };
  } | null;
  value: string;
}

/** A chosen file's text, or why it could not be read (moved, deleted, no permission). */
export type ChosenFile =
  | { readonly ok: true; readonly name: string; readonly text: string }
  | { readonly ok: false; readonly name: string; readonly error: string };

/**
 * Reads the file just chosen in a file input and empties the input, so choosing the same file again (after
 * fixing it) fires `change` once more. Take the input from the event before anything is awaited: the
 * event's `currentTarget` is null once the handler has yielded.
 *
 * @example
 * const input = event.currentTarget;
 * const chosen = await readChosenFile(input); // { ok: true, name: 'payroll.yaml', text: '…' }, or null if none
 */
export async function readChosenFile(input: FileInputLike): Promise<ChosenFile | null> {
  const file = input.files?.[0];
  if (!file) return null;
  const read = await file.text().then(
    (text) => ({ ok: true, name: file.name, text }) as const,
    () => ({ ok: false, name: file.name, error: `${file.name} could not be read; choose it again` }) as const,
  );
  input.value = '';
  return read;
}

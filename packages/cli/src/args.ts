export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: readonly string[];
  readonly options: Readonly<Record<string, string>>;
}

export type ArgsResult =
  { readonly ok: true; readonly value: ParsedArgs } | { readonly ok: false; readonly error: string };

/** Splits `derive file.yaml --format md --out x.md` into command, positionals and `--name value` options. */
export function parseArgs(argv: readonly string[], known: readonly string[]): ArgsResult {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--help' || arg === '-h') {
      options.help = 'true';
      continue;
    }
    if (arg === '--version' || arg === '-V') {
      options.version = 'true';
      continue;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (!known.includes(name))
        return { ok: false, error: `unknown option --${name}; known: ${known.map((k) => `--${k}`).join(', ')}` };
      const value = inline ?? argv[index + 1];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        return { ok: false, error: `option --${name} needs a value` };
      }
      options[name] = value;
      if (inline === undefined) index += 1;
      continue;
    }
    positional.push(arg);
  }
  const [command, ...rest] = positional;
  return { ok: true, value: { command, positional: rest, options } };
}

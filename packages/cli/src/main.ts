import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { deriveSla } from '@accord/core/derive';
import { FORMAT_VERSION, parseRequirementsText, type FileProblem, type Requirements } from '@accord/core/model';
import { formatFindings } from './findings-report.ts';
import { parseArgs } from './args.ts';
import { EXIT, type CliIo } from './io.ts';

// The commands that need documents, the database or the network are imported when called: `validate`
// and `check` start without loading PDF fonts, PGlite or an HTTP client.

const USAGE = `accord — service level agreements as code

Usage:
  accord validate <file>                 check a requirements file (JSON or YAML) against format version 1
  accord derive <file> [--format <format>] [--out <path>]
                                         derive the SLA and write it as one of these formats:
                                           derivation  budgets, findings and recommendations as JSON (default)
                                           html, pdf, md  the SLA and its justification (a draft); pdf needs --out
                                           json     the canonical version record (its SHA-256 is the version hash)
                                           openslo  the availability commitments as OpenSLO v1 YAML
                                           sloth    a Sloth prometheus/v1 spec, one SLO per commitment
                                           prometheus  Prometheus rules: error ratios and burn-rate alerts
                                                    gated to service hours (check with promtool)
                                           datadog  Datadog SLOs with corrections for unmeasured time (JSON)
                                           zabbix   a Zabbix sla.create request (JSON)
                                           ics      service, support and maintenance hours as iCalendar
  accord check <file>                    print the findings; exit 1 when any has severity error
  accord backup --out <file> [--data-dir <dir>]
                                         snapshot the embedded database (DATA_DIR), also while the server runs
  accord restore <file> [--data-dir <dir>]
                                         unpack a backup into a new, empty data folder
  accord --help                          this text
  accord --version                       the version of accord and of the requirements format it reads

Exit codes: 0 fine, 1 problems in the file (or error findings for check), 2 wrong command line.
`;

/** Runs one CLI invocation and returns its exit code; all output goes through `io`. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'verify' || argv[0] === 'audit')
    return (await import('./verify-command.ts')).verifyCommands(argv, io);
  const parsed = parseArgs(argv, ['format', 'out', 'data-dir']);
  if (!parsed.ok) {
    io.stderr(`accord: ${parsed.error}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { command, positional, options } = parsed.value;
  if (options.version !== undefined && options.help === undefined) {
    io.stdout(`accord ${cliVersion()} (requirements format ${FORMAT_VERSION})\n`);
    return EXIT.ok;
  }
  if (options.help !== undefined || command === undefined || command === 'help') {
    io.stdout(USAGE);
    return command === undefined && options.help === undefined ? EXIT.usage : EXIT.ok;
  }
  switch (command) {
    case 'validate':
      return validate(positional, io);
    case 'derive':
      return derive(positional, options, io);
    case 'check':
      return check(positional, io);
    case 'backup':
      return (await import('./backup-command.ts')).backupCommand(positional, options, io);
    case 'restore':
      return (await import('./restore-command.ts')).restoreCommand(positional, options, io);
    default:
      io.stderr(`accord: unknown command "${command}"\n\n${USAGE}`);
      return EXIT.usage;
  }
}

async function loadFile(positional: readonly string[], io: CliIo): Promise<Requirements | number> {
  const [path, extra] = positional;
  if (path === undefined || extra !== undefined) {
    io.stderr('accord: give exactly one requirements file, e.g. `accord validate templates/messaging.yaml`\n');
    return EXIT.usage;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`accord: cannot read ${path}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}\n`);
    return EXIT.usage;
  }
  const result = parseRequirementsText(text);
  if (!result.ok) {
    io.stderr(`${path}: ${plural(result.problems.length, 'problem')}\n`);
    for (const problem of result.problems) io.stderr(`  ${problemLine(path, problem)}\n`);
    return EXIT.problems;
  }
  return result.value;
}

async function validate(positional: readonly string[], io: CliIo): Promise<number> {
  const loaded = await loadFile(positional, io);
  if (typeof loaded === 'number') return loaded;
  io.stdout(
    `${positional[0]}: valid requirements file (format ${loaded.formatVersion}): ` +
      `${plural(loaded.functions.length, 'business function')}, ${plural(loaded.components.length, 'component')}\n`,
  );
  return EXIT.ok;
}

async function derive(
  positional: readonly string[],
  options: Readonly<Record<string, string>>,
  io: CliIo,
): Promise<number> {
  const { DERIVE_FORMATS, deriveCommand } = await import('./derive-command.ts');
  const format = options.format ?? 'derivation';
  if (!DERIVE_FORMATS.includes(format)) {
    io.stderr(`accord: unknown format "${format}"; choose one of ${DERIVE_FORMATS.join(', ')}\n`);
    return EXIT.usage;
  }
  const loaded = await loadFile(positional, io);
  if (typeof loaded === 'number') return loaded;
  return deriveCommand(loaded, options, io);
}

async function check(positional: readonly string[], io: CliIo): Promise<number> {
  const loaded = await loadFile(positional, io);
  if (typeof loaded === 'number') return loaded;
  const derivation = deriveSla(loaded);
  io.stdout(formatFindings(derivation.findings));
  return derivation.counts.error > 0 ? EXIT.problems : EXIT.ok;
}

/** "1 problem", "2 problems". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `file.yaml:12:7 functions[mail].availability.targetPercent: …`, the place editors and terminals link. */
function problemLine(path: string, problem: FileProblem): string {
  const place = problem.line === undefined ? path : `${path}:${problem.line}:${problem.column ?? 1}`;
  return `${place} ${problem.path || '(file)'}: ${problem.message}`;
}

/** The CLI's own version, from its package.json (read once, when asked). */
function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

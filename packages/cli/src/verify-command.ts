import { readFile } from 'node:fs/promises';
import { parseArgs } from './args.ts';
import { EXIT, type CliIo } from './io.ts';

export const VERIFY_USAGE = `  accord verify <file> --server <url> [--workshop <id> --token <token>]
                                         ask an Accord server what a downloaded PDF or JSON is: which
                                         version, unchanged or not, who signed it when (exit 1: no version)
  accord audit verify --server <url> --workshop <id> --token <token>
                                         check that a workshop's audit trail is whole (its hash chain)`;

type Json = Record<string, unknown>;

/** `accord verify …` and `accord audit verify …`: checks against a running server, over its HTTP API. */
export async function verifyCommands(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, ['server', 'workshop', 'token']);
  if (!parsed.ok) return usage(io, parsed.error);
  const { command, positional, options } = parsed.value;
  const server = options.server;
  if (!server || !/^https?:\/\//.test(server))
    return usage(io, 'give the server with --server, e.g. --server https://accord.example.com');
  const base = server.replace(/\/+$/, '');
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  if (command === 'audit') {
    if (positional[0] !== 'verify' || positional.length !== 1)
      return usage(io, 'the audit command is `accord audit verify`');
    if (!options.workshop || !options.token)
      return usage(io, "audit verify needs --workshop and --token (a participant's session token)");
    const answer = await call(io, `${base}/api/workshops/${encodeURIComponent(options.workshop)}/audit/verify`, {
      headers,
    });
    if (typeof answer === 'number') return answer;
    if (answer.ok === true) {
      io.stdout(`audit trail whole: ${String(answer.entries)} entries, head ${String(answer.head)}\n`);
      return EXIT.ok;
    }
    io.stdout(`audit trail BROKEN at entry ${String(answer.brokenAt)}: ${String(answer.reason)}\n`);
    return EXIT.problems;
  }
  const [path, extra] = positional;
  if (path === undefined || extra !== undefined)
    return usage(io, 'give exactly one file, e.g. `accord verify sla-v3.pdf --server https://accord.example.com`');
  if ((options.workshop === undefined) !== (options.token === undefined))
    return usage(io, '--workshop and --token go together');
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    io.stderr(`accord: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})\n`);
    return EXIT.usage;
  }
  const url = options.workshop
    ? `${base}/api/workshops/${encodeURIComponent(options.workshop)}/verify`
    : `${base}/api/verify`;
  const answer = await call(io, url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(file),
  });
  if (typeof answer === 'number') return answer;
  io.stdout(`${path}: ${String(answer.message)}\n`);
  const signatures = Array.isArray(answer.signatures) ? (answer.signatures as Json[]) : [];
  for (const s of signatures) {
    const identity = (s.identity ?? {}) as Json;
    const who =
      identity.method === 'single-sign-on'
        ? `single sign-on ${String(identity.issuer)} as ${String(identity.email ?? identity.subject)}`
        : 'personal invite link';
    io.stdout(
      `  ${String(s.decision)} by ${String(s.name)}${s.title ? `, ${String(s.title)}` : ''} at ${String(s.at)} (${who}); PDF SHA-256 ${String(s.pdfSha256)}\n`,
    );
  }
  return answer.verdict === 'unchanged' ? EXIT.ok : EXIT.problems;
}

async function call(io: CliIo, url: string, init: RequestInit): Promise<Json | number> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    io.stderr(`accord: cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
  const body = (await response.json().catch(() => null)) as Json | null;
  // A file that is no version is answered 422 with its verdict, which is the answer, not a failure to ask.
  if (response.status === 422 && typeof body?.verdict === 'string') return body;
  if (!response.ok || body === null) {
    const error = (body?.error ?? {}) as Json;
    io.stderr(`accord: the server answered ${response.status}${error.message ? `: ${String(error.message)}` : ''}\n`);
    return EXIT.usage;
  }
  return body;
}

function usage(io: CliIo, problem: string): number {
  io.stderr(`accord: ${problem}\n\nUsage:\n${VERIFY_USAGE}\n`);
  return EXIT.usage;
}

/** Where the CLI writes; tests pass collectors, the bin passes process streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes: 0 fine, 1 the file has problems or error findings, 2 the command line itself was wrong. */
export const EXIT = Object.freeze({ ok: 0, problems: 1, usage: 2 });

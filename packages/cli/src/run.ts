import { main } from './main.ts';

/** The process entry of `accord`: arguments in, output to stdout and stderr, the exit code set. */
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});

// Sums every package's vitest JSON report into the one closing line CI reads.
// A failing run that reported no failed test (a crash, a type error before tests ran) still counts as one failure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const exitStatus = Number(process.argv[2] ?? '0');
const skip = new Set(['node_modules', '.git', '.turbo', 'dist']);

function* reports(dir) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* reports(path);
    else if (name === 'vitest.json' && dir.endsWith('test-results')) yield path;
  }
}

let passed = 0;
let failed = 0;
/** Every test's duration, to name the slowest (where a faster suite has the most to gain). */
const timed = [];
for (const path of reports('.')) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  for (const file of report.testResults ?? []) {
    const name = relative(process.cwd(), file.name ?? path);
    for (const test of file.assertionResults ?? []) {
      if (typeof test.duration === 'number')
        timed.push({ ms: test.duration, name: `${name} > ${test.fullName ?? test.title}` });
    }
  }
  passed += report.numPassedTests ?? 0;
  // A file that failed to load has failed suites but no failed test: count each such file once.
  const failedTests = report.numFailedTests ?? 0;
  failed += failedTests > 0 ? failedTests : (report.numFailedTestSuites ?? 0);
  console.log(`[ci] ${path}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
timed.sort((a, b) => b.ms - a.ms);
if (timed.length > 0) console.log('[ci] slowest tests:');
for (const { ms, name } of timed.slice(0, 10)) console.log(`[ci] ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
if (exitStatus !== 0 && failed === 0) failed = 1;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(exitStatus === 0 && failed === 0 ? 0 : 1);

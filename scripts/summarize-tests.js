#!/usr/bin/env node
// Prints the closing line CI reads: "N passed, N failed" — Jest's tests plus
// the non-Jest steps (types, lint) — and exits non-zero on any failure.
const fs = require('node:fs');

const [file, stepsPassed, stepsFailed] = process.argv.slice(2);
let passed = Number(stepsPassed);
let failed = Number(stepsFailed);
let skipped = 0;

if (fs.existsSync(file)) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A suite that fails to load has no failed tests but must still fail the run.
  failed += report.numRuntimeErrorTestSuites;
  if (report.numTotalTests === 0) failed += 1;
} else {
  console.error(`no Jest report at ${file}`);
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

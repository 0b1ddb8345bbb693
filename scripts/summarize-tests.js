#!/usr/bin/env node
// Prints the closing line CI reads, "N passed, N failed, N skipped": the
// non-test steps (types, lint, build) plus the tests of every Jest and
// Playwright JSON report given, and exits non-zero on any failure.
//   summarize-tests.js STEPS_PASSED STEPS_FAILED report.json...
const fs = require('node:fs');

const [stepsPassed, stepsFailed, ...reports] = process.argv.slice(2);
const total = { passed: Number(stepsPassed), failed: Number(stepsFailed), skipped: 0 };

function countJest(report) {
  return {
    passed: report.numPassedTests,
    // A suite that fails to load has no failed tests but must fail the run.
    failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
    skipped: report.numPendingTests + report.numTodoTests,
    ran: report.numTotalTests,
  };
}

function countPlaywright(report) {
  const { expected, unexpected, flaky, skipped } = report.stats;
  const failed = unexpected + flaky + (report.errors?.length ?? 0);
  return { passed: expected, failed, skipped, ran: expected + unexpected + flaky };
}

for (const file of reports) {
  if (!fs.existsSync(file)) {
    console.error(`missing test report ${file}`);
    total.failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const counts = 'numTotalTests' in report ? countJest(report) : countPlaywright(report);
  if (counts.ran === 0) {
    console.error(`${file}: no test ran`);
    counts.failed += 1;
  }
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}

console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);

/*
 * `yarn bench`: every bench in sequence (engine on the sandbox, engine on a
 * real kube-apiserver, runner, API, memory), their output as it comes, then
 * one summary table of the checked figures. Exits non-zero when any target is
 * missed or a bench fails.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { BenchResult, passed, RESULT_PREFIX } from './bench/results';

const BENCHES = ['engine', 'real', 'runner', 'api', 'memory'];

function run(bench: string): Promise<{ code: number; results: BenchResult[] }> {
  return new Promise(resolve => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        '@backstage/cli/config/nodeTransform.cjs',
        path.join(__dirname, `bench-${bench}.ts`),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const results: BenchResult[] = [];
    let buffered = '';
    child.stdout.on('data', chunk => {
      process.stdout.write(chunk);
      buffered += String(chunk);
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(l => l.startsWith(RESULT_PREFIX))) {
        results.push(JSON.parse(line.slice(RESULT_PREFIX.length)));
      }
    });
    child.once('exit', code => resolve({ code: code ?? 1, results }));
  });
}

async function main(): Promise<void> {
  const summary: BenchResult[] = [];
  const failedBenches: string[] = [];
  for (const bench of BENCHES) {
    console.log(`\n=== bench:${bench} ===`);
    const { code, results } = await run(bench);
    summary.push(...results);
    if (code !== 0 && results.every(passed)) failedBenches.push(bench);
  }
  console.log('\n=== Summary ===');
  console.table(
    summary.map(r => ({
      bench: r.bench,
      figure: r.figure,
      value: `${r.value} ${r.unit}`,
      target: `≤ ${r.max} ${r.unit}`,
      ok: passed(r) ? 'yes' : 'MISSED',
    })),
  );
  for (const bench of failedBenches) console.error(`bench:${bench} failed`);
  if (failedBenches.length > 0 || !summary.every(passed)) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});

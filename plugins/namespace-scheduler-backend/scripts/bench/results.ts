/**
 * Figures checked against targets. Each bench prints one `RESULT {json}` line
 * per figure (bench-all.ts collects them into the summary table) and exits
 * non-zero when a target is missed.
 */
export interface BenchResult {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  /** The figure must be at most this. */
  max: number;
}

export const RESULT_PREFIX = 'RESULT ';

export function passed(result: BenchResult): boolean {
  return Number.isFinite(result.value) && result.value <= result.max;
}

export function reportResults(results: BenchResult[]): void {
  for (const result of results) {
    console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
  }
  const missed = results.filter(r => !passed(r));
  for (const result of missed) {
    console.error(
      `target missed: ${result.bench} ${result.figure} = ${result.value} ${result.unit} (target ≤ ${result.max})`,
    );
  }
  if (missed.length > 0) process.exitCode = 1;
}

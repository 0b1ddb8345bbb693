import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `.test-results/reliability/` at the repository root; scripts/reliability-report.js reads it. */
export const FIGURES_DIR = path.resolve(
  __dirname,
  '../../../../../.test-results/reliability',
);

/**
 * Prints one suite's figures and writes them, with the machine and date they
 * were measured on, to FIGURES_DIR/<name>.json for docs/reliability.md.
 */
export function publishFigures(name: string, figures: Record<string, unknown>) {
  const record = {
    name,
    figures,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    date: new Date().toISOString(),
  };
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(FIGURES_DIR, `${name}.json`),
    `${JSON.stringify(record, null, 2)}\n`,
  );
  // eslint-disable-next-line no-console
  console.log(`reliability figures ${name}: ${JSON.stringify(figures)}`);
}

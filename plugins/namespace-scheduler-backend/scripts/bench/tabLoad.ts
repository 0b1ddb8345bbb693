/*
 * The entity tab's users for bench-api.ts, in their own process: argv is
 * baseUrl, entityRef, users, rounds. Prints the latencies as JSON:
 * { timings: { route: ms[] }, pages: ms[] }.
 */
import { apiAt, loadTab } from './tabClient';

async function main(): Promise<void> {
  const [baseUrl, entityRef, users, rounds] = process.argv.slice(2);
  const timings = new Map<string, number[]>();
  const api = apiAt(baseUrl, timings);
  const pages: number[] = [];
  await Promise.all(
    Array.from({ length: Number(users) }, async () => {
      for (let r = 0; r < Number(rounds); r++) {
        const started = performance.now();
        await loadTab(api, entityRef);
        pages.push(performance.now() - started);
      }
    }),
  );
  process.stdout.write(
    JSON.stringify({ timings: Object.fromEntries(timings), pages }),
  );
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});

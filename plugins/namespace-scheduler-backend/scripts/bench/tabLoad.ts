/*
 * The entity tab's users for bench-api.ts, in their own process: argv is
 * baseUrl, entityRef, users, rounds, thinkMs (each user's pause after a load;
 * 0: back to back). Prints the latencies and how long the timed loads took as
 * JSON: { timings: { route: ms[] }, pages: ms[], seconds }.
 */
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiAt, loadTab } from './tabClient';

/** Browsers keep at most 6 connections to one host (HTTP/1.1). */
const BROWSER_SOCKETS = 6;

async function main(): Promise<void> {
  const [baseUrl, entityRef, users, rounds, think] = process.argv.slice(2);
  const thinkMs = Number(think);
  const timings = new Map<string, number[]>();
  const pages: number[] = [];
  const browsers = Array.from(
    { length: Number(users) },
    () => new Agent({ keepAlive: true, maxSockets: BROWSER_SOCKETS }),
  );
  // A user on an entity page has connections to the backend open already
  // (the portal loaded the page through them): open them before timing, so
  // the figures are not about the server accepting 150 new connections.
  await Promise.all(
    browsers.map(agent => loadTab(apiAt(baseUrl, undefined, agent), entityRef)),
  );
  const started = performance.now();
  await Promise.all(
    browsers.map(async agent => {
      const api = apiAt(baseUrl, timings, agent);
      // Users who pause start at random moments of a pause, not in step.
      await sleep(Math.random() * thinkMs);
      for (let r = 0; r < Number(rounds); r++) {
        const loadStarted = performance.now();
        await loadTab(api, entityRef);
        pages.push(performance.now() - loadStarted);
        if (thinkMs > 0) await sleep(thinkMs);
      }
    }),
  );
  process.stdout.write(
    JSON.stringify({
      timings: Object.fromEntries(timings),
      pages,
      seconds: (performance.now() - started) / 1000,
    }),
  );
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});

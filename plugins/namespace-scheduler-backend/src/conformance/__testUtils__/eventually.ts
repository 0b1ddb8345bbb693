import { setTimeout as sleep } from 'node:timers/promises';

/** Polls until `check` holds; fails with `what` after `ms`. Returns how long it took. */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 10_000,
): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
  return Date.now() - started;
}

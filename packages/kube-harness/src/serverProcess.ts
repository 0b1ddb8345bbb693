/** Servers other than the control plane's that tests start (PostgreSQL, DynamoDB Local): waiting until one serves. */
import { ChildProcess } from 'node:child_process';

/**
 * Polls `answers` until the server `child` runs is ready; fails as soon as
 * the process exits rather than waiting out `timeoutMs`.
 */
export async function waitUntilServing(server: {
  name: string;
  child: ChildProcess;
  port: number;
  timeoutMs: number;
  answers: () => Promise<boolean>;
}) {
  const { name, child, port, timeoutMs } = server;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with code ${child.exitCode}`);
    }
    if (await server.answers()) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`${name} did not answer on ${port} within ${timeoutMs} ms`);
}

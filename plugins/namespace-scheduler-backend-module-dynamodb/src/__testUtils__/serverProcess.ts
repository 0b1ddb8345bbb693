import { ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A loopback port nothing listens on, for a server a test starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

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

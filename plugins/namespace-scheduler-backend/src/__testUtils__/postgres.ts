import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitUntilServing } from '@namespace-scheduler/kube-harness';

/** A throwaway PostgreSQL server in a temp dir, for tests. */
export interface TestPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

const PG_BIN_CANDIDATES = [
  process.env.PG_BIN,
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/17/bin',
].filter((dir): dir is string => Boolean(dir));

function pgBin(name: string): string {
  const dir = PG_BIN_CANDIDATES.find(d => fs.existsSync(path.join(d, name)));
  if (!dir) {
    throw new Error(
      `PostgreSQL server binaries not found (tried ${PG_BIN_CANDIDATES.join(
        ', ',
      )}); apt-get install postgresql`,
    );
  }
  return path.join(dir, name);
}

/** initdb and postgres refuse to run as root: drop to the postgres user then. */
function asServerUser(cmd: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [cmd, args];
  return ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
}

/** Whether something accepts connections on `port`. */
function listens(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Signals the postmaster itself: runuser does not forward signals, so
 * killing the child would leave the server running.
 */
async function stopServer(child: ChildProcess, dataDir: string) {
  if (child.exitCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGINT');
  const timeout = new Promise(resolve => setTimeout(resolve, 10_000).unref());
  if (
    (await Promise.race([exited.then(() => 'exited'), timeout])) !== 'exited'
  ) {
    process.kill(pid, 'SIGKILL');
    child.kill('SIGKILL');
  }
}

/** Starts PostgreSQL on a free loopback port; user `postgres`, trust auth. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ns-pg-'));
  fs.chmodSync(dir, 0o777);
  const dataDir = path.join(dir, 'data');
  const [initCmd, initArgs] = asServerUser(pgBin('initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'ignore' });

  const port = await freePort();
  const [cmd, args] = asServerUser(pgBin('postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-k',
    dir,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
  ]);
  const child = spawn(cmd, args, { stdio: 'ignore' });
  await waitUntilServing({
    name: 'postgres',
    child,
    port,
    timeoutMs: 20_000,
    answers: () => listens(port),
  });

  return {
    connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await stopServer(child, dataDir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

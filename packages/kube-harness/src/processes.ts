import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** A server binary this harness started, its output going to `logFile`. */
export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** The pid of the binary itself (spawned without a shell). */
  pid: number;
  logFile: string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  exitCode(): number | null;
}

/* Everything to SIGKILL / remove should this process exit without stop(). */
const livePids = new Set<number>();
const liveDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of livePids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const dir of liveDirs) {
      try {
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // best effort: the watchdog removes it too
      }
    }
  });
}

/** Kill `pid` with SIGKILL should this process exit first. */
export function killOnExit(pid: number) {
  installExitHook();
  livePids.add(pid);
}

export function forgetPid(pid: number) {
  livePids.delete(pid);
}

/** Remove `dir` should this process exit first. */
export function removeOnExit(dir: string) {
  installExitHook();
  liveDirs.add(dir);
}

export function forgetDir(dir: string) {
  liveDirs.delete(dir);
}

/** Starts `cmd` (no shell in between) with stdout and stderr appended to `logFile`. */
export function spawnLogged(
  name: string,
  cmd: string,
  args: string[],
  logFile: string,
): ManagedProcess {
  const fd = fs.openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    fs.writeSync(
      fd,
      `\n# ${new Date().toISOString()} ${cmd} ${args.join(' ')}\n`,
    );
    child = spawn(cmd, args, { stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
  if (child.pid === undefined) {
    throw new Error(`${name}: could not start ${cmd}`);
  }
  const pid = child.pid;
  killOnExit(pid);
  // Does not keep node alive by itself: stop() or the exit hook ends it.
  child.unref();
  const exited = new Promise<void>(resolve => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => {
      forgetPid(pid);
      resolve();
    });
  });
  child.on('error', () => {}); // reported through exitCode / the log
  return {
    name,
    child,
    pid,
    logFile,
    exited,
    exitCode: () => child.exitCode ?? (child.signalCode ? -1 : null),
  };
}

/** The last `lines` lines of a log file ('' when unreadable). */
export function tail(file: string, lines = 30): string {
  try {
    const text = fs.readFileSync(file, 'utf8').replace(/\n+$/, '');
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export class StartError extends Error {
  constructor(
    message: string,
    /** Whether a retry on other ports may help (the port was taken). */
    readonly portTaken: boolean,
  ) {
    super(message);
    this.name = 'StartError';
  }
}

/**
 * Polls `ready` until it is true. Throws, with the last 30 log lines, as soon
 * as the process exits or when `timeoutMs` passes.
 */
export async function waitUntilReady(
  proc: ManagedProcess,
  what: string,
  timeoutMs: number,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = proc.exitCode();
    if (code !== null || Date.now() > deadline) {
      const log = tail(proc.logFile);
      const why =
        code !== null
          ? `${proc.name} exited (code ${proc.child.exitCode}, signal ${proc.child.signalCode}) before ${what}`
          : `${proc.name} (pid ${proc.pid}) not ${what} within ${timeoutMs} ms`;
      throw new StartError(
        `${why}; last lines of ${proc.logFile}:\n${log}`,
        /address already in use|bind: address/i.test(log),
      );
    }
    if (await ready().catch(() => false)) return;
    await new Promise(r => setTimeout(r, 100));
  }
}

/** A loopback port nothing listens on at the moment. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `n` distinct free loopback ports. */
export async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** GET `url`: the status code and body, or a rejection after `timeoutMs`. */
export function httpGet(
  url: string,
  options: { token?: string; ca?: string; timeoutMs?: number } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(
      u,
      {
        method: 'GET',
        agent: false,
        ca: options.ca,
        headers: options.token
          ? { Authorization: `Bearer ${options.token}` }
          : {},
        timeout: options.timeoutMs ?? 2000,
      },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * A detached shell that, once `parentPid` is gone without having cleaned up
 * (killed with SIGKILL, or by a signal that skips 'exit' handlers), SIGKILLs
 * the pids listed in `pidFile` and removes `dir`. Returns its pid.
 */
export function startWatchdog(
  parentPid: number,
  pidFile: string,
  dir: string,
): number | undefined {
  const script =
    'while kill -0 "$1" 2>/dev/null; do sleep 1; done; ' +
    '[ -f "$2" ] && kill -9 $(cat "$2") 2>/dev/null; rm -rf "$3"';
  try {
    const child = spawn(
      '/bin/sh',
      [
        '-c',
        script,
        'ns-kube-harness-watchdog',
        String(parentPid),
        pidFile,
        dir,
      ],
      { detached: true, stdio: 'ignore' },
    );
    child.on('error', () => {});
    child.unref();
    if (child.pid) killOnExit(child.pid);
    return child.pid;
  } catch {
    return undefined;
  }
}

/** SIGKILL `pid`, ignoring a process that is already gone. */
export function kill(
  pid: number | undefined,
  signal: NodeJS.Signals = 'SIGKILL',
) {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

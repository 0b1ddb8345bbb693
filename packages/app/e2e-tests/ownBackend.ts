import { ChildProcess, spawn } from 'node:child_process';

/** A demo backend this test started, with its own config, on its own port. */
export interface OwnBackend {
  url: string;
  stop(): Promise<void>;
}

const HEALTH = '/api/namespace-scheduler/health';

/**
 * Starts `yarn workspace backend start` (the demo portal: sandbox cluster,
 * in-memory SQLite, guest sign-in, the built app) on `port` with `config`
 * as APP_CONFIG_* variables, for a test whose config cannot be the shared
 * backend's, such as business hours that end a few minutes from now.
 */
export async function startOwnBackend(
  port: number,
  config: Record<string, string>,
  timeoutMs = 180_000,
): Promise<OwnBackend> {
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APP_CONFIG_app_baseUrl: url,
    APP_CONFIG_backend_baseUrl: url,
    APP_CONFIG_backend_cors_origin: url,
    APP_CONFIG_backend_listen_port: String(port),
  };
  for (const [key, value] of Object.entries(config)) {
    env[`APP_CONFIG_${key}`] = value;
  }
  const child = spawn('yarn', ['workspace', 'backend', 'start'], {
    env,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', chunk => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  const stop = () => stopGroup(child);
  try {
    await waitForHealth(url, child, timeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return { url, stop };
}

async function waitForHealth(url: string, child: ChildProcess, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the backend exited with ${child.exitCode}`);
    }
    const healthy = await fetch(url + HEALTH).then(
      response => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`the backend did not answer ${HEALTH} within ${ms} ms`);
}

/** SIGTERM to the whole group (yarn, the CLI and the backend), SIGKILL after 10 s. */
async function stopGroup(child: ChildProcess) {
  const pid = child.pid;
  if (child.exitCode !== null || pid === undefined) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

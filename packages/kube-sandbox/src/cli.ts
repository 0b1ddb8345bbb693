/*
 * Starts a sandbox from the command line and writes its kubeconfig, e.g. from the repo root:
 *   node --require @backstage/cli/config/nodeTransform.cjs packages/kube-sandbox/src/cli.ts \
 *     --seed-dir examples/sandbox --port 6443 --kubeconfig /tmp/sandbox.kubeconfig
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startKubeSandbox } from './sandbox';

const USAGE = `Usage: kube-sandbox [options]
  --port <n>             port to listen on (default: a free one)
  --host <addr>          address to listen on (default: 127.0.0.1)
  --token <token>        require this bearer token
  --seed-dir <dir>       load the YAML manifests in <dir>
  --keda                 serve the KEDA ScaledObject API
  --kube-green           serve kube-green's SleepInfo API (default: when the seed has one)
  --ready-delay-ms <n>   how long ready replicas lag a spec change
  --admin-api            serve /sandbox/faults and /sandbox/stats
  --name <name>          cluster name in the kubeconfig (default: sandbox)
  --kubeconfig <file>    where to write the kubeconfig (default: in the temp dir)
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      'seed-dir': { type: 'string' },
      keda: { type: 'boolean' },
      'kube-green': { type: 'boolean' },
      'ready-delay-ms': { type: 'string' },
      'admin-api': { type: 'boolean' },
      name: { type: 'string' },
      kubeconfig: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const sandbox = await startKubeSandbox({
    port: values.port ? Number(values.port) : undefined,
    host: values.host,
    token: values.token,
    seedDir: values['seed-dir'] && resolve(values['seed-dir']),
    keda: values.keda,
    kubeGreen: values['kube-green'],
    readyDelayMs: values['ready-delay-ms']
      ? Number(values['ready-delay-ms'])
      : undefined,
    adminApi: values['admin-api'],
    name: values.name,
  });
  const file = resolve(
    values.kubeconfig ??
      join(tmpdir(), `kube-sandbox-${sandbox.port}.kubeconfig`),
  );
  writeFileSync(file, sandbox.kubeConfigYaml(), { mode: 0o600 });
  process.stdout.write(
    `Kubernetes sandbox "${sandbox.name}" listening on ${sandbox.url}\nkubeconfig: ${file}\n`,
  );

  const stop = () => {
    sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});

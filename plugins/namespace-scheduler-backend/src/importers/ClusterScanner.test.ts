import { KubeConfig } from '@kubernetes/client-node';
import {
  ControlPlane,
  describeOnRealControlPlane,
  startControlPlane,
} from '@namespace-scheduler/kube-harness';
import {
  KubeObject,
  KubeSandbox,
  startKubeSandbox,
} from '@namespace-scheduler/kube-sandbox';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ClusterRegistry } from '../clusters';
import {
  deployment,
  namespaceObject,
} from '../engine/__testUtils__/engineSandbox';
import {
  closeRawAgents,
  eventually,
  okRequest,
  rawRequest,
} from '../realCluster/__testUtils__/realClusterKit';
import { ClusterScanner, FoundSchedule } from './ClusterScanner';

jest.setTimeout(60_000);

const NOW = new Date('2026-12-03T12:00:00Z');

const annotated = (name: string, annotations: Record<string, string>) => ({
  ...namespaceObject(name),
  metadata: { name, annotations },
});

const SLEEP_INFO = {
  apiVersion: 'kube-green.com/v1alpha1',
  kind: 'SleepInfo',
  metadata: { name: 'working-hours', namespace: 'green' },
  spec: {
    weekdays: '1-5',
    sleepAt: '20:00',
    wakeUpAt: '08:00',
    timeZone: 'Europe/Rome',
    suspendCronJobs: true,
  },
};

/** What every cluster below holds besides the SleepInfo. */
const OBJECTS: KubeObject[] = [
  annotated('berlin', {
    'downscaler/uptime': 'Mon-Fri 07:30-20:30 Europe/Berlin',
  }),
  namespaceObject('green'),
  namespaceObject('plain'),
  deployment('plain', 'api', 1),
  deployment('berlin', 'batch', 1, {
    'downscaler/downtime': 'Sat-Sun 00:00-24:00 UTC',
  }),
];

function scannerFor(name: string, kubeConfigYaml: string) {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(kubeConfigYaml);
  const clusters = ClusterRegistry.fromKubeConfigs([{ name, kubeConfig }]);
  const scanner = ClusterScanner.create({
    clusters,
    clock: { now: () => NOW },
  });
  return { clusters, scan: () => scanner.scan(name) };
}

const summary = (found: FoundSchedule[]) =>
  found
    .map(f => ({
      tool: f.tool,
      at: `${f.namespace} ${f.source.kind}/${f.source.name}`,
      kinds: f.mapping.proposed.map(p => p.kind),
    }))
    .sort((a, b) => a.at.localeCompare(b.at));

const EXPECTED_DOWNSCALER = [
  {
    tool: 'kube-downscaler',
    at: 'berlin Deployment/batch',
    kinds: [],
  },
  { tool: 'kube-downscaler', at: 'berlin Namespace/berlin', kinds: ['weekly'] },
];

describe('ClusterScanner on the sandbox', () => {
  let sandbox: KubeSandbox;
  afterEach(() => sandbox?.close());

  it('finds downscaler annotations on namespaces and workloads, and SleepInfos', async () => {
    sandbox = await startKubeSandbox({ objects: [...OBJECTS, SLEEP_INFO] });
    const { clusters, scan } = scannerFor('sandbox', sandbox.kubeConfigYaml());
    const found = await scan();
    await clusters.close();

    expect(summary(found)).toEqual([
      ...EXPECTED_DOWNSCALER,
      {
        tool: 'kube-green',
        at: 'green SleepInfo/working-hours',
        kinds: ['weekly'],
      },
    ]);
    const green = found.find(f => f.tool === 'kube-green');
    expect(green?.original).toBe(
      'weekdays: 1-5\nsleepAt: 20:00\nwakeUpAt: 08:00\ntimeZone: Europe/Rome\nsuspendCronJobs: true',
    );
  });

  it('reads a cluster without the SleepInfo CRD as having none', async () => {
    sandbox = await startKubeSandbox({ objects: OBJECTS });
    const { clusters, scan } = scannerFor('sandbox', sandbox.kubeConfigYaml());
    expect(summary(await scan())).toEqual(EXPECTED_DOWNSCALER);
    await clusters.close();
  });
});

const CRD = parse(
  readFileSync(join(__dirname, '__fixtures__/sleepinfo-crd.yaml'), 'utf8'),
);

describeOnRealControlPlane('ClusterScanner on a real kube-apiserver', () => {
  let cp: ControlPlane;

  beforeAll(async () => {
    cp = await startControlPlane();
    for (const object of OBJECTS) {
      const ns = object.metadata.namespace;
      const path =
        object.kind === 'Namespace'
          ? '/api/v1/namespaces'
          : `/apis/apps/v1/namespaces/${ns}/deployments`;
      await okRequest(cp, 'POST', path, { body: object });
    }
  }, 120_000);

  afterAll(async () => {
    closeRawAgents();
    await cp?.stop();
  });

  it('reads no SleepInfo before the CRD, and the SleepInfo after', async () => {
    const { clusters, scan } = scannerFor('real', cp.kubeConfigYaml());
    expect(summary(await scan())).toEqual(EXPECTED_DOWNSCALER);

    await okRequest(
      cp,
      'POST',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      { body: CRD },
    );
    const sleepInfos =
      '/apis/kube-green.com/v1alpha1/namespaces/green/sleepinfos';
    await eventually('the SleepInfo API is served', async () =>
      (await rawRequest(cp, 'GET', sleepInfos)).status === 200
        ? true
        : undefined,
    );
    await okRequest(cp, 'POST', sleepInfos, { body: SLEEP_INFO });

    expect(summary(await scan())).toEqual([
      ...EXPECTED_DOWNSCALER,
      {
        tool: 'kube-green',
        at: 'green SleepInfo/working-hours',
        kinds: ['weekly'],
      },
    ]);
    await clusters.close();
  });
});

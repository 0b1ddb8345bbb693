/*
 * A scale with an HPA on a real control plane, with the HPA controller
 * running (kube-controller-manager, its sync every second; no metrics server,
 * so it only keeps each target within minReplicas and maxReplicas).
 *
 * The control case first: a Deployment set below its HPA's minReplicas is
 * scaled back up by the controller. The engine refuses such a scale (and one
 * above maxReplicas), naming the HPA; a scale within the bounds stays as set
 * while the controller syncs; a later sleep and wake restore the HPA's
 * minReplicas and maxReplicas exactly.
 */
import { KubeConfig } from '@kubernetes/client-node';
import {
  ControlPlane,
  describeOnRealControlPlane,
  startControlPlane,
} from '@namespace-scheduler/kube-harness';
import { ClusterRegistry } from '../clusters';
import { EngineLogger, NamespaceEngine } from '../engine';
import {
  closeRawAgents,
  eventually,
  okRequest,
} from './__testUtils__/realClusterKit';

jest.setTimeout(60_000);

const CLUSTER = 'real';
const NS = 'team-hpa';
const APPS = `/apis/apps/v1/namespaces/${NS}/deployments`;
const HPAS = `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`;

const quiet: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

const CONTROLLERS = [
  'serviceaccount-controller',
  'serviceaccount-token-controller',
  'horizontal-pod-autoscaler-controller',
].join(',');

/** The HPA as the assertions compare it. */
interface HpaView {
  minReplicas?: number;
  maxReplicas?: number;
  annotations: Record<string, string>;
  /** The replicas the controller saw at its last sync. */
  currentReplicas?: number;
}

async function readHpa(cp: ControlPlane, name: string): Promise<HpaView> {
  const hpa = await okRequest(cp, 'GET', `${HPAS}/${name}`);
  return {
    minReplicas: hpa.spec.minReplicas,
    maxReplicas: hpa.spec.maxReplicas,
    annotations: hpa.metadata.annotations ?? {},
    currentReplicas: hpa.status?.currentReplicas,
  };
}

async function replicasOf(cp: ControlPlane, name: string): Promise<number> {
  return (await okRequest(cp, 'GET', `${APPS}/${name}`)).spec.replicas;
}

const setReplicas = (cp: ControlPlane, name: string, replicas: number) =>
  okRequest(cp, 'PATCH', `${APPS}/${name}`, { body: { spec: { replicas } } });

/** Waits until the HPA controller has seen `name` at `replicas` (status.currentReplicas). */
const controllerSaw = (cp: ControlPlane, name: string, replicas: number) =>
  eventually(`the HPA controller saw ${name} at ${replicas}`, async () =>
    (await readHpa(cp, name)).currentReplicas === replicas ? true : undefined,
  );

/** A few of the controller's 1 s syncs. */
const syncs = () => new Promise(resolve => setTimeout(resolve, 4_000));

describeOnRealControlPlane(
  'a scale with an HPA on a real control plane (HPA controller running)',
  () => {
    let cp: ControlPlane;
    let clusters: ClusterRegistry;
    let engine: NamespaceEngine;

    beforeAll(async () => {
      cp = await startControlPlane({
        controllerManager: true,
        controllerManagerArgs: [
          `--controllers=${CONTROLLERS}`,
          '--horizontal-pod-autoscaler-sync-period=1s',
        ],
      });
      await okRequest(cp, 'POST', '/api/v1/namespaces', {
        body: { metadata: { name: NS } },
      });
      await okRequest(cp, 'POST', APPS, {
        body: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: NS },
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: 'web' } },
            template: {
              metadata: { labels: { app: 'web' } },
              spec: { containers: [{ name: 'web', image: 'web:1' }] },
            },
          },
        },
      });
      await okRequest(cp, 'POST', HPAS, {
        body: {
          metadata: { name: 'web' },
          spec: {
            scaleTargetRef: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: 'web',
            },
            minReplicas: 2,
            maxReplicas: 10,
          },
        },
      });
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromString(cp.kubeConfigYaml());
      clusters = ClusterRegistry.fromKubeConfigs(
        [{ name: CLUSTER, kubeConfig }],
        {},
      );
      engine = NamespaceEngine.create({ clusters, logger: quiet });
      await controllerSaw(cp, 'web', 2);
    }, 120_000);

    afterAll(async () => {
      closeRawAgents();
      await clusters?.close();
      await cp?.stop();
    });

    it('the control: the HPA controller scales a Deployment set below minReplicas back up', async () => {
      await setReplicas(cp, 'web', 1);
      await eventually('the HPA scaled web back to 2', async () =>
        (await replicasOf(cp, 'web')) === 2 ? true : undefined,
      );
      expect(await replicasOf(cp, 'web')).toBe(2);
    });

    it('refuses a scale the HPA would undo, naming replicas and the HPA, and changes nothing', async () => {
      const status = await engine.status(CLUSTER, NS);
      expect(status.autoscalers).toEqual([
        {
          name: 'web',
          target: { kind: 'Deployment', name: 'web' },
          minReplicas: 2,
          maxReplicas: 10,
        },
      ]);
      for (const [replicas, bound] of [
        [1, 'below minReplicas 2'],
        [11, 'above maxReplicas 10'],
      ] as const) {
        const refused = await engine.run(CLUSTER, NS, {
          operation: 'scale',
          replicas,
        });
        expect(refused.success).toBe(false);
        expect(refused.errors).toEqual([
          expect.stringMatching(
            new RegExp(
              `^replicas: ${replicas} is ${bound} of HorizontalPodAutoscaler web, .*Deployment web`,
            ),
          ),
        ]);
      }
      expect(await replicasOf(cp, 'web')).toBe(2);
      expect(await readHpa(cp, 'web')).toMatchObject({
        minReplicas: 2,
        maxReplicas: 10,
        annotations: {},
      });
    });

    it('a scale within the bounds stays while the controller syncs; sleep and wake restore the HPA exactly', async () => {
      const scaled = await engine.run(CLUSTER, NS, {
        operation: 'scale',
        replicas: 7,
      });
      expect(scaled.errors).toEqual([]);
      expect(scaled.success).toBe(true);
      await controllerSaw(cp, 'web', 7);
      await syncs();
      expect(await replicasOf(cp, 'web')).toBe(7);
      expect(await readHpa(cp, 'web')).toMatchObject({
        minReplicas: 2,
        maxReplicas: 10,
        currentReplicas: 7,
      });

      const slept = await engine.run(CLUSTER, NS, { operation: 'sleep' });
      expect(slept.success).toBe(true);
      expect(await replicasOf(cp, 'web')).toBe(0);
      expect(await readHpa(cp, 'web')).toMatchObject({
        minReplicas: 1,
        maxReplicas: 10,
        annotations: { 'namespace-scheduler/original-min-replicas': '2' },
      });
      // Asleep, the bounds are those a wake restores: 1 is still refused.
      expect(
        await engine.run(CLUSTER, NS, { operation: 'scale', replicas: 1 }),
      ).toMatchObject({
        success: false,
        errors: [expect.stringContaining('below minReplicas 2')],
      });

      const woken = await engine.run(CLUSTER, NS, { operation: 'wake' });
      expect(woken.errors).toEqual([]);
      expect(await replicasOf(cp, 'web')).toBe(7);
      const hpa = await readHpa(cp, 'web');
      expect(hpa).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
      expect(hpa.annotations).toEqual({});
      await controllerSaw(cp, 'web', 7);
      await syncs();
      expect(await replicasOf(cp, 'web')).toBe(7);
    });
  },
);

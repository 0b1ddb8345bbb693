/*
 * API Priority and Fairness on a real kube-apiserver paces the engine.
 *
 * The cluster client sets no rate limit of its own by default (qps 0); when
 * the server is busy it answers 429 with a Retry-After, and the client pauses
 * the cluster's new attempts that long and resends (clusters/http). Here a
 * control plane of this file's own gets a PriorityLevelConfiguration with a
 * handful of seats that rejects what does not fit (limitResponse Reject) and
 * a FlowSchema sending one user's requests there; a sleep and a wake of 100
 * Deployments as that user meet 429s and still finish completely.
 */
import { KubeConfig } from '@kubernetes/client-node';
import {
  ControlPlane,
  describeOnRealControlPlane,
  startControlPlane,
} from '@namespace-scheduler/kube-harness';
import { ClusterRegistry, ClusterRequestEvent } from '../clusters';
import { EngineLogger, NamespaceEngine } from '../engine';
import {
  closeRawAgents,
  eventually,
  okRequest,
  originalReplicasOf,
  rawRequest,
  RawResponse,
  replicasByName,
  seedDeployments,
} from './__testUtils__/realClusterKit';

const USER = 'apf-throttled-scheduler';
const LEVEL = 'ns-scheduler-test-tiny';
const NAMESPACE = 'apf-team';
const WORKLOADS = 100;
const CLUSTER = 'real';

const quiet: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

describeOnRealControlPlane(
  'API Priority and Fairness on a real kube-apiserver',
  () => {
    let cp: ControlPlane;
    let userToken: string;
    let flowSchemaUid: string;
    let priorityLevelUid: string;

    beforeAll(async () => {
      cp = await startControlPlane({ users: [{ name: USER }] });
      userToken = cp.tokens[USER];
      // The user may do anything (RBAC is not what this file tests) but is
      // not in system:masters, which APF exempts.
      await okRequest(
        cp,
        'POST',
        '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
        {
          body: {
            metadata: { name: USER },
            roleRef: {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'ClusterRole',
              name: 'cluster-admin',
            },
            subjects: [
              {
                apiGroup: 'rbac.authorization.k8s.io',
                kind: 'User',
                name: USER,
              },
            ],
          },
        },
      );
      // Seats of a level: ceil(server concurrency limit (400 + 200) ×
      // shares / all levels' shares (245 built in + ours)): 2 shares → 5
      // seats, fewer than the engine's 8 writes in flight.
      const level = await okRequest(
        cp,
        'POST',
        '/apis/flowcontrol.apiserver.k8s.io/v1/prioritylevelconfigurations',
        {
          body: {
            metadata: { name: LEVEL },
            spec: {
              type: 'Limited',
              limited: {
                nominalConcurrencyShares: 2,
                lendablePercent: 0,
                // Unset means borrowing idle levels' seats without limit.
                borrowingLimitPercent: 0,
                limitResponse: { type: 'Reject' },
              },
            },
          },
        },
      );
      priorityLevelUid = level.metadata.uid;
      const schema = await okRequest(
        cp,
        'POST',
        '/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas',
        {
          body: {
            metadata: { name: LEVEL },
            spec: {
              priorityLevelConfiguration: { name: LEVEL },
              // Before every suggested schema (service-accounts: 9000 …).
              matchingPrecedence: 500,
              distinguisherMethod: { type: 'ByUser' },
              rules: [
                {
                  subjects: [{ kind: 'User', user: { name: USER } }],
                  resourceRules: [
                    {
                      verbs: ['*'],
                      apiGroups: ['*'],
                      resources: ['*'],
                      namespaces: ['*'],
                      clusterScope: true,
                    },
                  ],
                  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
                },
              ],
            },
          },
        },
      );
      flowSchemaUid = schema.metadata.uid;
      // The apiserver's APF controller picks the new objects up from a watch.
      await eventually(
        'the user classified by the new FlowSchema',
        async () => {
          const response = await rawRequest(cp, 'GET', '/api/v1/namespaces', {
            token: userToken,
          });
          return response.headers['x-kubernetes-pf-flowschema-uid'] ===
            flowSchemaUid
            ? true
            : undefined;
        },
      );
      await seedDeployments(cp, NAMESPACE, WORKLOADS);
    }, 120_000);

    afterAll(async () => {
      closeRawAgents();
      await cp?.stop();
    });

    it('answers a burst beyond its seats with 429, Retry-After and the X-Kubernetes-PF-* headers', async () => {
      const responses: RawResponse[] = await Promise.all(
        Array.from({ length: 40 }, () =>
          rawRequest(
            cp,
            'GET',
            `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`,
            { token: userToken },
          ),
        ),
      );
      const throttled = responses.filter(r => r.status === 429);
      const served = responses.filter(r => r.status === 200);
      expect(throttled.length).toBeGreaterThan(0);
      expect(served.length).toBeGreaterThan(0);
      for (const response of throttled) {
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(
          1,
        );
        expect(response.headers['x-kubernetes-pf-flowschema-uid']).toBe(
          flowSchemaUid,
        );
        expect(response.headers['x-kubernetes-pf-prioritylevel-uid']).toBe(
          priorityLevelUid,
        );
        // Not a Status object: APF's filter answers in plain text.
        expect(response.body).toBe(
          'Too many requests, please try again later.\n',
        );
      }
      // Served requests carry the same classification headers.
      expect(served[0].headers['x-kubernetes-pf-prioritylevel-uid']).toBe(
        priorityLevelUid,
      );
      // The server's Retry-After, for the report (it may grow while
      // rejections go on).
      // eslint-disable-next-line no-console
      console.log(
        `APF burst: ${throttled.length} of 40 rejected with 429; Retry-After ${[
          ...new Set(throttled.map(r => r.headers['retry-after'])),
        ].join(', ')} s`,
      );
      // Let the level drain before the engine's turn.
      await new Promise(resolve => setTimeout(resolve, 2_000));
    });

    it('sleeps and wakes 100 Deployments completely although the server throttles the engine', async () => {
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromString(cp.kubeConfigYaml({ token: userToken }));
      const events: ClusterRequestEvent[] = [];
      // Default ClusterAccessOptions: no client rate limit.
      const clusters = ClusterRegistry.fromKubeConfigs(
        [{ name: CLUSTER, kubeConfig }],
        {},
        event => events.push(event),
      );
      const engine = NamespaceEngine.create({ clusters, logger: quiet });
      try {
        const sleepStarted = Date.now();
        const slept = await engine.run(CLUSTER, NAMESPACE, {
          operation: 'sleep',
        });
        const sleepMs = Date.now() - sleepStarted;
        const sleepThrottles = events.reduce((n, e) => n + e.throttled, 0);
        expect(slept.errors).toEqual([]);
        expect(slept).toMatchObject({ success: true, total_scaled: WORKLOADS });
        const asleep = await replicasByName(cp, NAMESPACE);
        expect(Object.values(asleep).every(r => r === 0)).toBe(true);

        const wakeStarted = Date.now();
        const woken = await engine.run(CLUSTER, NAMESPACE, {
          operation: 'wake',
        });
        const wakeMs = Date.now() - wakeStarted;
        expect(woken.errors).toEqual([]);
        expect(woken).toMatchObject({ success: true, total_scaled: WORKLOADS });
        const awake = await replicasByName(cp, NAMESPACE);
        expect(
          Object.entries(awake).filter(
            ([name, replicas]) =>
              replicas !== originalReplicasOf(Number(name.slice(4))),
          ),
        ).toEqual([]);

        const throttled = events.reduce((n, e) => n + e.throttled, 0);
        // The server did throttle the engine, and no request failed for it.
        expect(sleepThrottles).toBeGreaterThan(0);
        expect(throttled).toBeGreaterThan(sleepThrottles);
        expect(events.filter(e => e.failed)).toEqual([]);
        // eslint-disable-next-line no-console
        console.log(
          `APF engine: sleep ${sleepMs} ms (${sleepThrottles} × 429), wake ${wakeMs} ms (${
            throttled - sleepThrottles
          } × 429), ${events.length} requests`,
        );
      } finally {
        await clusters.close();
      }
    }, 180_000);
  },
);

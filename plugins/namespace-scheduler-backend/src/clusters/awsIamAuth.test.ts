import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ApiException } from '@kubernetes/client-node';
import { NamespaceEngine } from '../engine';
import { silentLogger } from '../engine/__testUtils__/engineSandbox';
import { clusterChecks } from '../health/checks';
import { ReadinessService } from '../health';
import { startFakeEksApiserver } from './__testUtils__/fakeEksApiserver';
import { AwsIdentity, startFakeSts } from './__testUtils__/fakeSts';
import { selfSignedTls } from './__testUtils__/selfSignedTls';
import { ClusterRegistry } from './ClusterRegistry';
import { ClusterAuthError } from './errors';

jest.setTimeout(30_000);

const REGION = 'eu-west-1';
const CALLER: AwsIdentity = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  arn: 'arn:aws:iam::111111111111:user/backstage',
};
const ROLE = {
  arn: 'arn:aws:iam::222222222222:role/namespace-scheduler',
  externalId: 'portal-42',
};

/** The presigned STS URL's query inside an EKS token. */
function presignedQuery(token: string | undefined) {
  const url = Buffer.from(token!.replace(/^k8s-aws-v1\./, ''), 'base64url');
  return Object.fromEntries(new URL(url.toString()).searchParams);
}

describe('clusters with authProvider aws (EKS)', () => {
  const savedEnv = { ...process.env };
  let sts: Awaited<ReturnType<typeof startFakeSts>>;
  let prod: Awaited<ReturnType<typeof startFakeEksApiserver>>;
  let shared: Awaited<ReturnType<typeof startFakeEksApiserver>>;
  let registry: ClusterRegistry;
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    sts = await startFakeSts({ caller: CALLER, role: ROLE });
    // The AWS SDK's default chain reads these; nothing else may answer.
    for (const name of Object.keys(process.env)) {
      if (name.startsWith('AWS_')) delete process.env[name];
    }
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: CALLER.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CALLER.secretAccessKey,
      AWS_REGION: REGION,
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/nonexistent/aws/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
    });
    const tls = selfSignedTls();
    const identities = (accessKeyId: string) =>
      accessKeyId === CALLER.accessKeyId ? CALLER : sts.issued.get(accessKeyId);
    prod = await startFakeEksApiserver({
      clusterId: 'eks-prod',
      region: REGION,
      identities,
      tls,
    });
    shared = await startFakeEksApiserver({
      clusterId: 'eks-shared',
      region: REGION,
      identities,
      tls,
    });
    const caData = Buffer.from(tls.cert).toString('base64');
    const aws = (name: string, url: string, more: object = {}) => ({
      name,
      url,
      authProvider: 'aws',
      caData,
      ...more,
    });
    registry = ClusterRegistry.fromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                aws('eks-prod', prod.url),
                aws('prod-by-id', prod.url, {
                  authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'eks-prod' },
                }),
                aws('eks-other', prod.url),
                aws('eks-shared', shared.url, {
                  authMetadata: {
                    'kubernetes.io/aws-assume-role': ROLE.arn,
                    'kubernetes.io/aws-external-id': ROLE.externalId,
                  },
                }),
                aws('shared-by-keys', shared.url, {
                  assumeRole: ROLE.arn,
                  externalId: ROLE.externalId,
                  authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'eks-shared' },
                }),
                aws('eks-denied', shared.url, {
                  authMetadata: {
                    'kubernetes.io/aws-assume-role': ROLE.arn,
                    'kubernetes.io/aws-external-id': 'not-the-one',
                  },
                }),
              ],
            },
          ],
        },
        namespaceScheduler: {
          clusterAccess: { retry: { initialDelayMs: 1, maxDelayMs: 5 } },
        },
      }),
      { logger },
    );
  });

  afterAll(async () => {
    await registry?.close();
    await Promise.all([sts?.close(), prod?.close(), shared?.close()]);
    process.env = savedEnv;
  });

  it('sends an EKS token signed for the cluster with the credentials of the environment', async () => {
    const cluster = registry.get('eks-prod');
    const listed = await cluster.core.listNamespace();
    expect(listed.items.map(ns => ns.metadata?.name)).toEqual([
      'default',
      'team-a',
    ]);
    await expect(cluster.json.get('/api/v1/namespaces')).resolves.toMatchObject(
      { kind: 'NamespaceList' },
    );
    // The watch authenticates through the KubeConfig, with the same token.
    const watched: string[] = [];
    await new Promise<void>((resolve, reject) => {
      cluster.watch
        .watch(
          '/api/v1/namespaces',
          {},
          (type, object) => watched.push(`${type} ${object.metadata.name}`),
          error => (error ? reject(error) : resolve()),
        )
        .catch(reject);
    });
    expect(watched).toEqual(['ADDED team-a']);

    expect(prod.requests.map(r => r.refused)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(prod.requests.map(r => r.identity)).toEqual(
      Array(3).fill(CALLER.arn),
    );
    // One token, signed once, served every request.
    expect(new Set(prod.requests.map(r => r.token)).size).toBe(1);
    const query = presignedQuery(prod.requests[0].token);
    expect(query).toMatchObject({
      Action: 'GetCallerIdentity',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': expect.stringMatching(
        new RegExp(`^${CALLER.accessKeyId}/\\d{8}/${REGION}/sts/aws4_request$`),
      ),
      'X-Amz-SignedHeaders': expect.stringMatching(/(^|;)x-k8s-aws-id(;|$)/),
      'X-Amz-Expires': expect.stringMatching(/^\d+$/),
    });
    expect(query['X-Amz-Security-Token']).toBeUndefined();
    // Environment credentials alone: STS is not called.
    expect(sts.calls).toEqual([]);
  });

  it('signs for kubernetes.io/x-k8s-aws-id when given, and a token for another cluster is refused', async () => {
    await expect(
      registry.get('prod-by-id').core.listNamespace(),
    ).resolves.toMatchObject({ kind: 'NamespaceList' });
    expect(prod.requests.at(-1)).toMatchObject({ identity: CALLER.arn });

    const refused = await registry
      .get('eks-other')
      .core.listNamespace()
      .catch(e => e);
    expect(refused).toBeInstanceOf(ApiException);
    expect(refused.code).toBe(401);
    expect(prod.requests.at(-1)?.refused).toBe(
      `signature does not verify for x-k8s-aws-id "eks-prod" and ${CALLER.accessKeyId}`,
    );
  });

  it('assumes the role with its external id through STS, and signs with the temporary credentials', async () => {
    for (const name of ['eks-shared', 'shared-by-keys']) {
      await expect(
        registry.get(name).core.listNamespace(),
      ).resolves.toMatchObject({ kind: 'NamespaceList' });
    }
    const assumed = sts.calls.filter(c => c.action === 'AssumeRole');
    expect(assumed).toHaveLength(2);
    for (const call of assumed) {
      expect(call).toMatchObject({
        signedBy: CALLER.accessKeyId,
        params: { RoleArn: ROLE.arn, ExternalId: ROLE.externalId },
      });
    }
    expect(shared.requests).toHaveLength(2);
    for (const request of shared.requests) {
      expect(request.refused).toBeUndefined();
      expect(request.identity).toMatch(
        /^arn:aws:sts::222222222222:assumed-role\/namespace-scheduler\//,
      );
      const query = presignedQuery(request.token);
      const [accessKeyId] = query['X-Amz-Credential'].split('/');
      const issued = sts.issued.get(accessKeyId);
      expect(issued).toBeDefined();
      expect(query['X-Amz-Security-Token']).toBe(issued!.sessionToken);
      expect(query['X-Amz-SignedHeaders'].split(';')).toContain('x-k8s-aws-id');
    }
  });

  it('fails every request of a cluster whose role cannot be assumed, naming it, and readiness says why', async () => {
    const before = shared.requests.length;
    const expected =
      'Cluster "eks-denied": authProvider "aws" gave no credentials: external id does not match';
    const error = await registry
      .get('eks-denied')
      .core.listNamespace()
      .catch(e => e);
    expect(error).toBeInstanceOf(ClusterAuthError);
    expect(error.message).toBe(expected);

    const engine = NamespaceEngine.create({
      clusters: registry,
      logger: silentLogger,
    });
    const slept = await engine.run('eks-denied', 'team-a', {
      operation: 'sleep',
    });
    expect(slept).toMatchObject({ success: false, total_scaled: 0 });
    expect(slept.errors[0]).toContain(expected);

    const report = await ReadinessService.create({
      checks: clusterChecks(registry),
    }).report();
    expect(report.status).toBe('error');
    expect(report.checks['cluster:eks-denied']).toEqual({
      status: 'error',
      latencyMs: expect.any(Number),
      message: expected,
    });
    expect(report.checks['cluster:eks-prod'].status).toBe('ok');
    expect(report.checks['cluster:eks-shared'].status).toBe('ok');
    // Nothing was sent for it: no token, no request.
    expect(
      shared.requests.slice(before).filter(r => r.identity === undefined),
    ).toEqual([]);
  });
});

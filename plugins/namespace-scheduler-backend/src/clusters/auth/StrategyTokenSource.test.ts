import type {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import { ClusterAuthError } from '../errors';
import { StrategyTokenSource, TOKEN_TIMES } from './StrategyTokenSource';

const CLUSTER: ClusterDetails = {
  name: 'eks-prod',
  url: 'https://eks.example.com',
  authMetadata: { 'kubernetes.io/auth-provider': 'aws' },
};

/** A strategy handing out `token-1`, `token-2`, ... (or failing while `failing`). */
function countingStrategy() {
  const state = {
    calls: 0,
    failing: false,
    credential: undefined as KubernetesCredential | undefined,
  };
  const strategy: AuthenticationStrategy = {
    getCredential: async () => {
      state.calls++;
      await new Promise(resolve => setImmediate(resolve));
      if (state.failing) throw new Error('STS said no');
      return (
        state.credential ?? {
          type: 'bearer token',
          token: `token-${state.calls}`,
        }
      );
    },
    validateCluster: () => [],
    presentAuthMetadata: () => ({}),
  };
  return { state, load: async () => strategy };
}

function sourceWith(strategy: ReturnType<typeof countingStrategy>) {
  const clock = { now: 1_000_000 };
  const source = new StrategyTokenSource(
    CLUSTER,
    'aws',
    strategy.load,
    TOKEN_TIMES,
    () => clock.now,
  );
  return { source, clock };
}

describe('StrategyTokenSource', () => {
  it('fetches once for concurrent requests and reuses the token until it is due for renewal', async () => {
    const strategy = countingStrategy();
    const { source, clock } = sourceWith(strategy);
    await expect(
      Promise.all([source.token(), source.token(), source.token()]),
    ).resolves.toEqual(['token-1', 'token-1', 'token-1']);
    clock.now += TOKEN_TIMES.refreshAfterMs - 1;
    await expect(source.token()).resolves.toBe('token-1');
    clock.now += 1;
    await expect(source.token()).resolves.toBe('token-2');
    expect(strategy.state.calls).toBe(2);
  });

  it('keeps sending a young enough token while renewal fails, then fails naming the cluster', async () => {
    const strategy = countingStrategy();
    const { source, clock } = sourceWith(strategy);
    await source.token();
    strategy.state.failing = true;
    clock.now += TOKEN_TIMES.refreshAfterMs;
    await expect(source.token()).resolves.toBe('token-1');
    clock.now = 1_000_000 + TOKEN_TIMES.maxAgeMs;
    const error = await source.token().catch(e => e);
    expect(error).toBeInstanceOf(ClusterAuthError);
    expect(error.message).toBe(
      'Cluster "eks-prod": authProvider "aws" gave no credentials: STS said no',
    );
  });

  it('answers with the last failure for a few seconds instead of asking the strategy on every request', async () => {
    const strategy = countingStrategy();
    strategy.state.failing = true;
    const { source, clock } = sourceWith(strategy);
    await expect(source.token()).rejects.toThrow('STS said no');
    await expect(source.token()).rejects.toThrow('STS said no');
    expect(strategy.state.calls).toBe(1);
    strategy.state.failing = false;
    clock.now += TOKEN_TIMES.retryAfterMs;
    await expect(source.token()).resolves.toBe('token-2');
  });

  it('drops a token the server refused, but not for an older refusal', async () => {
    const strategy = countingStrategy();
    const { source } = sourceWith(strategy);
    await source.token();
    source.refused('Bearer token-0');
    await expect(source.token()).resolves.toBe('token-1');
    source.refused('Bearer token-1');
    await expect(source.token()).resolves.toBe('token-2');
  });

  it('sends no token for an anonymous credential and refuses client certificates', async () => {
    const strategy = countingStrategy();
    strategy.state.credential = { type: 'anonymous' };
    await expect(sourceWith(strategy).source.token()).resolves.toBeUndefined();
    strategy.state.credential = {
      type: 'x509 client certificate',
      cert: 'c',
      key: 'k',
    };
    await expect(sourceWith(strategy).source.token()).rejects.toThrow(
      'Cluster "eks-prod": authProvider "aws" gave no credentials: a "x509 client certificate" credential is not supported',
    );
  });

  it('reports what the strategy finds wrong with the cluster', async () => {
    const source = new StrategyTokenSource(CLUSTER, 'aws', async () => ({
      getCredential: async () => ({ type: 'anonymous' }),
      validateCluster: () => [new Error('Must specify a token provider')],
      presentAuthMetadata: () => ({}),
    }));
    await expect(source.token()).rejects.toThrow(
      'Cluster "eks-prod": authProvider "aws" gave no credentials: Must specify a token provider',
    );
  });

  it('gives up on a strategy that does not answer', async () => {
    const source = new StrategyTokenSource(
      CLUSTER,
      'aws',
      async () => ({
        getCredential: () => new Promise<never>(() => {}),
        validateCluster: () => [],
        presentAuthMetadata: () => ({}),
      }),
      { ...TOKEN_TIMES, fetchTimeoutMs: 20 },
    );
    await expect(source.token()).rejects.toThrow(
      'Cluster "eks-prod": authProvider "aws" gave no credentials: no answer within 20 ms',
    );
  });
});

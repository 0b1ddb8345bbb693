import {
  HttpMethod,
  KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';
import type { BearerTokenSource } from '../auth/BearerTokenSource';
import { ClusterAuthError } from '../errors';
import { SharedAgentAuthentication } from './SharedAgentAuthentication';

function kubeConfig(user: Record<string, unknown>): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [
      { name: 'c', server: 'https://127.0.0.1:6443', skipTLSVerify: true },
    ],
    users: [{ name: 'u', ...user }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return config;
}

async function authenticate(
  user: Record<string, unknown>,
  credentials?: BearerTokenSource,
) {
  const auth = new SharedAgentAuthentication(kubeConfig(user), {
    cluster: 'c',
    maxSockets: 4,
    credentials,
  });
  const context = new RequestContext(
    'https://127.0.0.1:6443/api',
    HttpMethod.GET,
  );
  await auth.applySecurityAuthentication(context);
  await auth.destroy();
  return context;
}

describe('SharedAgentAuthentication', () => {
  it('sends a fixed token over the shared keep-alive agent', async () => {
    const context = await authenticate({ token: 't0ken' });
    expect(context.getHeaders()).toMatchObject({
      Authorization: 'Bearer t0ken',
    });
    expect(context.getAgent()).toMatchObject({ keepAlive: true });
  });

  it('lets KubeConfig add what a fixed token does not say (impersonation)', async () => {
    const context = await authenticate({
      token: 't0ken',
      impersonateUser: 'alice',
    });
    expect(context.getHeaders()).toMatchObject({
      Authorization: 'Bearer t0ken',
      'Impersonate-User': 'alice',
    });
    expect(context.getAgent()).toMatchObject({ keepAlive: true });
  });

  it("sends a token source's token over the shared keep-alive agent", async () => {
    const context = await authenticate(
      {},
      { token: async () => 'fr3sh', refused: () => {} },
    );
    expect(context.getHeaders()).toMatchObject({
      Authorization: 'Bearer fr3sh',
    });
    expect(context.getAgent()).toMatchObject({ keepAlive: true });
  });

  it('fails unsent, naming the cluster, when credentials cannot be had', async () => {
    const failed = await authenticate({
      authProvider: {
        name: 'tokenFile',
        config: { tokenFile: '/nonexistent/token' },
      },
    }).catch(e => e);
    expect(failed).toBeInstanceOf(ClusterAuthError);
    expect(failed.message).toMatch(
      /^Cluster "c": cannot authenticate: ENOENT: no such file or directory, open '\/nonexistent\/token'/,
    );
  });
});

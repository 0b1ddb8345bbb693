import {
  HttpMethod,
  KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';
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

async function authenticate(user: Record<string, unknown>) {
  const auth = new SharedAgentAuthentication(kubeConfig(user), 4);
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
});

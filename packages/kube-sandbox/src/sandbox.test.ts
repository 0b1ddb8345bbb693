import { clientsFor, deployment, namespace } from './__testUtils__/clients';
import { KubeSandbox, startKubeSandbox } from './sandbox';

describe('startKubeSandbox', () => {
  let sandbox: KubeSandbox;

  beforeAll(async () => {
    sandbox = await startKubeSandbox({
      objects: [namespace('team-a'), deployment('web', 'team-a', 2)],
    });
  });

  afterAll(() => sandbox.close());

  it('serves objects to client-node through a generated kubeconfig', async () => {
    const { apps } = clientsFor(sandbox);
    const web = await apps.readNamespacedDeployment({
      name: 'web',
      namespace: 'team-a',
    });
    expect(web.spec?.replicas).toBe(2);
    expect(web.status?.readyReplicas).toBe(2);
  });
});

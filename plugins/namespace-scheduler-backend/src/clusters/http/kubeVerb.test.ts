import { kubeVerb } from './kubeVerb';

describe('kubeVerb', () => {
  it.each([
    ['GET', '/api/v1/namespaces/shop/pods', 'list'],
    ['GET', '/api/v1/namespaces/shop/pods?watch=true', 'watch'],
    ['GET', '/apis/apps/v1/namespaces/shop/deployments/web', 'get'],
    ['GET', '/apis/apps/v1/namespaces/shop/deployments/web/scale', 'get'],
    ['GET', '/api/v1/namespaces', 'list'],
    ['GET', '/api/v1/namespaces/shop', 'get'],
    ['GET', '/apis/apps/v1/deployments', 'list'],
    ['GET', '/apis', 'get'],
    ['GET', '/version', 'get'],
    ['PATCH', '/apis/apps/v1/namespaces/shop/deployments/web/scale', 'patch'],
    ['PUT', '/apis/apps/v1/namespaces/shop/statefulsets/db', 'update'],
    ['POST', '/apis/apps/v1/namespaces/shop/deployments', 'create'],
    ['DELETE', '/apis/apps/v1/namespaces/shop/deployments/web', 'delete'],
    ['DELETE', '/apis/apps/v1/namespaces/shop/deployments', 'deletecollection'],
    [
      'PATCH',
      '/apis/apps/v1/namespaces/shop/deployments/web?dryRun=All',
      'patch',
    ],
    [
      'GET',
      '/k8s/clusters/c-1/apis/apps/v1/namespaces/shop/deployments',
      'list',
    ],
    ['GET', '/k8s/clusters/c-1/api/v1/namespaces/shop', 'get'],
  ])('%s %s is %s', (method, path, verb) => {
    expect(kubeVerb(method, path)).toBe(verb);
  });
});

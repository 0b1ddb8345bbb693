import { kubeVerb } from './kubeVerb';

const url = (path: string) => new URL(`https://k8s.example.com${path}`);

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
  ])('%s %s is %s', (method, path, verb) => {
    expect(kubeVerb(method, url(path))).toBe(verb);
  });
});

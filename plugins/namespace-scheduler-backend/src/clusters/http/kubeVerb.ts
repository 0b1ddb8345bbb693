/**
 * The Kubernetes verb of a request, as the API server's own metrics name it:
 * GET on a collection is `list` (or `watch`), on one object `get`. Takes the
 * request's path and query as sent, so no URL is parsed per request.
 */
export function kubeVerb(method: string, pathAndQuery: string): string {
  const upper = method.toUpperCase();
  const [pathname, query = ''] = pathAndQuery.split('?', 2);
  const collection = isCollection(pathname);
  switch (upper) {
    case 'GET':
      if (isWatch(query)) return 'watch';
      return collection ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return collection ? 'deletecollection' : 'delete';
    default:
      return upper.toLowerCase();
  }
}

function isWatch(query: string): boolean {
  return query !== '' && new URLSearchParams(query).get('watch') === 'true';
}

/** `/api/v1/namespaces/ns/pods` is a collection; `…/pods/name(/scale)` and discovery are not. */
function isCollection(pathname: string): boolean {
  const parts = pathname.split('/').filter(Boolean);
  // A server behind a base path (e.g. /k8s/clusters/c-1/api/v1/…): from `api`/`apis` on.
  const root = parts.findIndex(part => part === 'api' || part === 'apis');
  if (root < 0) return false;
  let rest = parts.slice(root + (parts[root] === 'api' ? 2 : 3));
  if (rest[0] === 'namespaces' && rest.length >= 3) rest = rest.slice(2);
  return rest.length === 1;
}

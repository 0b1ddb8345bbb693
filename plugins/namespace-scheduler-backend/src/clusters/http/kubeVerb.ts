/**
 * The Kubernetes verb of a request, as the API server's own metrics name it:
 * GET on a collection is `list` (or `watch`), on one object `get`.
 */
export function kubeVerb(method: string, url: URL): string {
  const upper = method.toUpperCase();
  const collection = isCollection(url.pathname);
  switch (upper) {
    case 'GET':
      if (url.searchParams.get('watch') === 'true') return 'watch';
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

/** `/api/v1/namespaces/ns/pods` is a collection; `…/pods/name(/scale)` and discovery are not. */
function isCollection(pathname: string): boolean {
  const parts = pathname.split('/').filter(Boolean);
  let rest: string[];
  if (parts[0] === 'api') rest = parts.slice(2);
  else if (parts[0] === 'apis') rest = parts.slice(3);
  else return false;
  if (rest[0] === 'namespaces' && rest.length >= 3) rest = rest.slice(2);
  return rest.length === 1;
}

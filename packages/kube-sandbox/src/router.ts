import { ResourceDef, ResourceRegistry, Verb } from './resources';

/** Maps API paths to resources, and HTTP methods to Kubernetes verbs. */

export interface ResourceRoute {
  def: ResourceDef;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export type RequestVerb = Verb | 'deletecollection';

/**
 * Resolves `/api/v1/...` and `/apis/{group}/{version}/...` resource paths:
 * `[namespaces/{ns}/]{plural}[/{name}[/{subresource}]]`.
 */
export function resolveResource(
  path: string,
  registry: ResourceRegistry,
): ResourceRoute | undefined {
  const api = splitApiPath(path);
  if (!api || api.rest.length === 0 || api.rest.includes('')) return undefined;
  const { group, version, rest } = api;

  if (rest[0] === 'namespaces' && rest.length >= 3 && rest.length <= 5) {
    const def = registry.find(group, version, rest[2]);
    if (def?.namespaced)
      return { def, namespace: rest[1], name: rest[3], subresource: rest[4] };
  }
  const def = registry.find(group, version, rest[0]);
  if (!def || rest.length > 3) return undefined;
  // A namespaced resource outside /namespaces/{ns} is only a collection (all namespaces).
  if (def.namespaced && rest.length > 1) return undefined;
  return { def, name: rest[1], subresource: rest[2] };
}

function splitApiPath(
  path: string,
): { group: string; version: string; rest: string[] } | undefined {
  let parts: string[];
  try {
    parts = path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if (parts[0] === 'api' && parts.length >= 2)
    return { group: '', version: parts[1], rest: parts.slice(2) };
  if (parts[0] === 'apis' && parts.length >= 3)
    return { group: parts[1], version: parts[2], rest: parts.slice(3) };
  return undefined;
}

function isWatch(query: URLSearchParams): boolean {
  const watch = query.get('watch');
  return watch === 'true' || watch === '1';
}

export function requestVerb(
  method: string,
  route: ResourceRoute,
  query: URLSearchParams,
): RequestVerb | undefined {
  const named = route.name !== undefined;
  switch (method) {
    case 'GET':
      if (named) return 'get';
      return isWatch(query) ? 'watch' : 'list';
    case 'POST':
      return named ? undefined : 'create';
    case 'PUT':
      return named ? 'update' : undefined;
    case 'PATCH':
      return named ? 'patch' : undefined;
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

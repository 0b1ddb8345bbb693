import { deleteOptions, isDryRun, parseBody, toKubeObject } from './body';
import { Cluster } from './cluster';
import { successStatus } from './errors';
import { listPage, parseLimit } from './paging';
import { applyPatch } from './patch';
import { apiVersionOf, ResourceDef } from './resources';
import { ResourceRoute } from './router';
import { parseFieldSelector, parseLabelSelector, Selectors } from './selectors';
import { KubeObject } from './types';

/** The verbs on a resource, from a parsed request to a reply. */

export interface ApiCall {
  cluster: Cluster;
  route: ResourceRoute;
  query: URLSearchParams;
  contentType?: string;
  body: string;
}

export interface Reply {
  code: number;
  body: unknown;
}

const ok = (body: unknown): Reply => ({ code: 200, body });

export function served(def: ResourceDef, obj: KubeObject): KubeObject {
  return def.view ? def.view.toServed(obj) : obj;
}

function toStorage(
  def: ResourceDef,
  obj: KubeObject,
  current?: KubeObject,
): KubeObject {
  return def.view ? def.view.toStored(obj, current) : obj;
}

function nameOf(route: ResourceRoute): string {
  return route.name ?? '';
}

export function selectorsOf(query: URLSearchParams, kind: string): Selectors {
  return {
    labels: parseLabelSelector(query.get('labelSelector') ?? undefined),
    fields: parseFieldSelector(query.get('fieldSelector') ?? undefined, kind),
  };
}

export function getObject({ cluster, route }: ApiCall): Reply {
  return ok(
    served(route.def, cluster.read(route.def, route.namespace, nameOf(route))),
  );
}

export function listObjects({ cluster, route, query }: ApiCall): Reply {
  const { def, namespace } = route;
  const page = listPage(cluster.store, def.kind, {
    namespace,
    selectors: selectorsOf(query, def.kind),
    limit: parseLimit(query.get('limit')),
    continueToken: query.get('continue') ?? undefined,
  });
  return ok({
    kind: `${def.kind}List`,
    apiVersion: apiVersionOf(def),
    metadata: {
      resourceVersion: String(page.revision),
      ...(page.continueToken ? { continue: page.continueToken } : {}),
      ...(page.remainingItemCount !== undefined
        ? { remainingItemCount: page.remainingItemCount }
        : {}),
    },
    items: page.items.map(obj => listItem(def, served(def, obj))),
  });
}

/** Built-in list items carry no kind/apiVersion (the list has them); custom resources keep them. */
function listItem(def: ResourceDef, obj: KubeObject): unknown {
  if (def.custom) return obj;
  const { kind, apiVersion, ...rest } = obj;
  return rest;
}

function decodeInput(call: ApiCall): KubeObject {
  const { def } = call.route;
  return toKubeObject(parseBody(call.body, call.contentType), {
    kind: def.kind,
    apiVersion: apiVersionOf(def),
  });
}

export function createObject(call: ApiCall): Reply {
  const { cluster, route, query } = call;
  const input = toStorage(route.def, decodeInput(call));
  const created = cluster.create(route.def, route.namespace, input, {
    dryRun: isDryRun(query.getAll('dryRun'), 'CreateOptions'),
  });
  return { code: 201, body: served(route.def, created) };
}

export function replaceObject(call: ApiCall): Reply {
  const { cluster, route, query } = call;
  const current = cluster.read(route.def, route.namespace, nameOf(route));
  const input = toStorage(route.def, decodeInput(call), current);
  const updated = cluster.update(
    route.def,
    route.namespace,
    nameOf(route),
    input,
    {
      dryRun: isDryRun(query.getAll('dryRun'), 'UpdateOptions'),
    },
  );
  return ok(served(route.def, updated));
}

export function patchObject(call: ApiCall): Reply {
  const { cluster, route, query } = call;
  const { def } = route;
  const current = cluster.read(def, route.namespace, nameOf(route));
  const patched = applyPatch(
    call.contentType,
    served(def, current),
    call.body,
    { custom: def.custom },
  );
  const input = toStorage(
    def,
    toKubeObject(patched, { kind: def.kind, apiVersion: apiVersionOf(def) }),
    current,
  );
  const updated = cluster.update(def, route.namespace, nameOf(route), input, {
    dryRun: isDryRun(query.getAll('dryRun'), 'PatchOptions'),
    patched: true,
  });
  return ok(served(def, updated));
}

export function deleteObject({ cluster, route, query, body }: ApiCall): Reply {
  const { def } = route;
  const deleted = cluster.remove(
    def,
    route.namespace,
    nameOf(route),
    deleteOptions(query, body),
  );
  // Kinds with graceful deletion or finalizers answer with the object; the rest with a Status.
  if (def.kind === 'Namespace' || def.kind === 'Pod')
    return ok(served(def, deleted));
  return ok(
    successStatus({
      name: nameOf(route),
      group: def.group,
      kind: def.plural,
      uid: deleted.metadata.uid,
    }),
  );
}

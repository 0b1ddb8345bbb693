import { apiVersionOf, ResourceDef, ResourceRegistry } from './resources';

/** Discovery documents (/version, /api, /apis, APIResourceLists), in the legacy JSON form. */

const KUBERNETES_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.0',
};

function versionInfo(): object {
  return {
    ...KUBERNETES_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-08-13T07:28:49Z',
    goVersion: 'go1.22.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function groupVersion(
  group: string,
  version: string,
): { groupVersion: string; version: string } {
  return { groupVersion: apiVersionOf({ group, version }), version };
}

/** Named groups in registry order, each with its versions, preferred first. */
function groups(registry: ResourceRegistry): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const def of registry.all()) {
    if (!def.group) continue;
    const versions = result.get(def.group) ?? [];
    if (!versions.includes(def.version)) versions.push(def.version);
    result.set(def.group, versions);
  }
  return result;
}

function apiGroup(name: string, versions: string[]): object {
  return {
    name,
    versions: versions.map(v => groupVersion(name, v)),
    preferredVersion: groupVersion(name, versions[0]),
  };
}

function apiResource(def: ResourceDef): object[] {
  const main = {
    name: def.plural,
    singularName: def.singular,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: def.verbs,
    ...(def.shortNames ? { shortNames: def.shortNames } : {}),
    ...(def.categories ? { categories: def.categories } : {}),
  };
  const scale = {
    name: `${def.plural}/scale`,
    singularName: '',
    namespaced: def.namespaced,
    group: 'autoscaling',
    version: 'v1',
    kind: 'Scale',
    verbs: ['get', 'patch', 'update'],
  };
  return def.scale ? [main, scale] : [main];
}

/** The discovery document at `path`, or undefined if it is not a discovery path. */
export function discoveryDocument(
  path: string,
  registry: ResourceRegistry,
  serverAddress: string,
): object | undefined {
  const all = groups(registry);
  if (path === '/version') return versionInfo();
  if (path === '/api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
  }
  if (path === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...all].map(([name, versions]) => apiGroup(name, versions)),
    };
  }
  const [, prefix, group, version, ...rest] = path.split('/');
  const isCore = prefix === 'api' && group === 'v1' && version === undefined;
  if (prefix === 'apis' && all.has(group) && version === undefined) {
    return {
      kind: 'APIGroup',
      apiVersion: 'v1',
      ...apiGroup(group, all.get(group) ?? []),
    };
  }
  const [g, v] = isCore ? ['', 'v1'] : [group, version];
  const defs = registry.inGroupVersion(g, v);
  if ((isCore || prefix === 'apis') && rest.length === 0 && defs.length > 0) {
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: apiVersionOf({ group: g, version: v }),
      resources: defs.flatMap(apiResource),
    };
  }
  return undefined;
}

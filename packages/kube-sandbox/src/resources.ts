import { ResourceNames } from './errors';
import { hpaV1View, VersionView } from './conversion';

export type Verb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete';

const ALL_VERBS: readonly Verb[] = [
  'create',
  'delete',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const READ_VERBS: readonly Verb[] = ['get', 'list', 'watch'];

export interface ResourceDef extends ResourceNames {
  version: string;
  singular: string;
  namespaced: boolean;
  verbs: readonly Verb[];
  shortNames?: string[];
  categories?: string[];
  /** Writes to the main resource keep the stored status (the status subresource owns it). */
  statusSubresource: boolean;
  /** Serves `{plural}/scale` (autoscaling/v1 Scale). */
  scale: boolean;
  /** A CustomResourceDefinition: no strategic merge patch; list items keep kind/apiVersion. */
  custom: boolean;
  view?: VersionView;
}

export function apiVersionOf(def: { group: string; version: string }): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

function define(
  partial: Pick<
    ResourceDef,
    'group' | 'version' | 'plural' | 'kind' | 'namespaced'
  > &
    Partial<ResourceDef>,
): ResourceDef {
  return {
    singular: partial.kind.toLowerCase(),
    verbs: ALL_VERBS,
    statusSubresource: true,
    scale: false,
    custom: false,
    ...partial,
  };
}

const hpa = {
  group: 'autoscaling',
  plural: 'horizontalpodautoscalers',
  kind: 'HorizontalPodAutoscaler',
};

const BUILT_IN: ResourceDef[] = [
  define({
    group: '',
    version: 'v1',
    plural: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
  }),
  // Pods are made by the workload controller; clients may read and delete them (they come back).
  define({
    group: '',
    version: 'v1',
    plural: 'pods',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    verbs: [...READ_VERBS, 'delete'],
  }),
  define({
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    scale: true,
  }),
  define({
    group: 'apps',
    version: 'v1',
    plural: 'statefulsets',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
    categories: ['all'],
    scale: true,
  }),
  define({
    group: 'batch',
    version: 'v1',
    plural: 'cronjobs',
    kind: 'CronJob',
    namespaced: true,
    shortNames: ['cj'],
    categories: ['all'],
  }),
  define({
    ...hpa,
    version: 'v2',
    namespaced: true,
    shortNames: ['hpa'],
    categories: ['all'],
  }),
  define({
    ...hpa,
    version: 'v1',
    namespaced: true,
    shortNames: ['hpa'],
    categories: ['all'],
    view: hpaV1View,
  }),
  define({
    group: 'policy',
    version: 'v1',
    plural: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    namespaced: true,
    shortNames: ['pdb'],
  }),
];

const KEDA = define({
  group: 'keda.sh',
  version: 'v1alpha1',
  plural: 'scaledobjects',
  kind: 'ScaledObject',
  namespaced: true,
  shortNames: ['so'],
  custom: true,
});

/** kube-green's sleep schedule; only read (by the migration scan), never acted on. */
const KUBE_GREEN = define({
  group: 'kube-green.com',
  version: 'v1alpha1',
  plural: 'sleepinfos',
  kind: 'SleepInfo',
  namespaced: true,
  custom: true,
});

// Read-only, so clients can detect the CRDs the way they would on a real cluster.
const CRDS = define({
  group: 'apiextensions.k8s.io',
  version: 'v1',
  plural: 'customresourcedefinitions',
  kind: 'CustomResourceDefinition',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  verbs: READ_VERBS,
});

/** The API groups and resources this sandbox serves. */
export class ResourceRegistry {
  private constructor(private readonly defs: readonly ResourceDef[]) {}

  static create(options: {
    keda: boolean;
    kubeGreen: boolean;
  }): ResourceRegistry {
    const custom = [
      ...(options.keda ? [KEDA] : []),
      ...(options.kubeGreen ? [KUBE_GREEN] : []),
    ];
    return new ResourceRegistry(
      custom.length > 0 ? [...BUILT_IN, ...custom, CRDS] : BUILT_IN,
    );
  }

  find(
    group: string,
    version: string,
    plural: string,
  ): ResourceDef | undefined {
    return this.defs.find(
      d => d.group === group && d.version === version && d.plural === plural,
    );
  }

  /** The storage definition of a kind (the version objects are kept in). */
  byKind(kind: string): ResourceDef | undefined {
    return this.defs.find(d => d.kind === kind && !d.view);
  }

  all(): readonly ResourceDef[] {
    return this.defs;
  }

  inGroupVersion(group: string, version: string): ResourceDef[] {
    return this.defs.filter(d => d.group === group && d.version === version);
  }
}

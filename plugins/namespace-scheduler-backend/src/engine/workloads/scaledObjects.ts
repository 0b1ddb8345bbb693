import type { V1ListMeta, V1ObjectMeta } from '@kubernetes/client-node';
import { K8S_ANNOTATIONS } from '@namespace-scheduler/backstage-plugin-common';
import type { ClusterApis } from '../../clusters';
import {
  defineAdapter,
  dryRunParam,
  fromMeta,
  listAll,
  MERGE_PATCH,
  metadataPatch,
} from './adapterKit';
import { pausedCodec } from './codecs';
import type { Workload } from './types';

const KEDA = { group: 'keda.sh', version: 'v1alpha1', plural: 'scaledobjects' };
const PAUSED = K8S_ANNOTATIONS.kedaPausedReplicas;

interface ScaledObject {
  metadata?: V1ObjectMeta;
  spec?: { scaleTargetRef?: { name?: string; kind?: string } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The custom-objects API is untyped; check the shape we rely on. */
function asScaledObject(value: unknown): ScaledObject {
  if (!isRecord(value) || !isRecord(value.metadata)) {
    throw new Error('Unexpected ScaledObject in API response');
  }
  return value;
}

function asList(value: unknown): {
  items: ScaledObject[];
  metadata?: V1ListMeta;
} {
  if (!isRecord(value) || !Array.isArray(value.items)) {
    throw new Error('Unexpected ScaledObject list in API response');
  }
  // Untyped JSON names the token `continue`; listAll reads the typed `_continue`.
  const token = isRecord(value.metadata) ? value.metadata.continue : undefined;
  const metadata = { _continue: typeof token === 'string' ? token : undefined };
  return { items: value.items.map(asScaledObject), metadata };
}

/** Paused at 0 sleeps; paused at another count is someone else's decision. */
function toWorkload(object: ScaledObject): Workload {
  const paused = object.metadata?.annotations?.[PAUSED];
  const target = object.spec?.scaleTargetRef;
  return {
    ...fromMeta('ScaledObject', object.metadata),
    level: paused?.trim() === '0' ? 0 : 1,
    target: { kind: target?.kind ?? 'Deployment', name: target?.name ?? '' },
    leaveAlone:
      paused !== undefined && paused.trim() !== '0'
        ? `paused by another actor at ${paused} replicas`
        : undefined,
  };
}

/** A ScaledObject from untyped JSON (a list item or a watch event), checked. */
export function scaledObjectWorkload(value: unknown): Workload {
  return toWorkload(asScaledObject(value));
}

async function listScaledObjects(client: ClusterApis, namespace: string) {
  return listAll(async (limit, cont) =>
    asList(
      await client.customObjects.listNamespacedCustomObject({
        ...KEDA,
        namespace,
        limit,
        _continue: cont,
      }),
    ),
  );
}

/** KEDA ScaledObjects sleep by `autoscaling.keda.sh/paused-replicas: "0"`. */
export const scaledObjectAdapter = defineAdapter<ScaledObject>({
  ...pausedCodec,
  kind: 'ScaledObject',
  markerAnnotation: K8S_ANNOTATIONS.originalPausedReplicas,
  phase: 2,
  sleepLevel: () => 0,
  toWorkload,
  patchBody: (workload, state) => ({
    metadata: metadataPatch(
      workload,
      K8S_ANNOTATIONS.originalPausedReplicas,
      state,
      {
        [PAUSED]: state.level === 0 ? '0' : null,
      },
    ),
  }),
  list: listScaledObjects,
  read: async (client, namespace, name) =>
    asScaledObject(
      await client.customObjects.getNamespacedCustomObject({
        ...KEDA,
        namespace,
        name,
      }),
    ),
  patch: async (client, namespace, name, body, dryRun) =>
    asScaledObject(
      await client.customObjects.patchNamespacedCustomObject(
        { ...KEDA, namespace, name, body, dryRun: dryRunParam(dryRun) },
        MERGE_PATCH,
      ),
    ),
});

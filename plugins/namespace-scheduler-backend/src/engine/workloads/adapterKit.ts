import {
  PatchStrategy,
  setHeaderOptions,
  V1ListMeta,
  V1ObjectMeta,
} from '@kubernetes/client-node';
import type { WorkloadKind } from '@namespace-scheduler/backstage-plugin-common';
import type { ClusterApis } from '../../clusters';
import type { MarkerCodec } from './codecs';
import type { KindAdapter, Workload, WorkloadState } from './types';

export const MERGE_PATCH = setHeaderOptions(
  'Content-Type',
  PatchStrategy.MergePatch,
);
const PAGE_SIZE = 500;

export function dryRunParam(dryRun: boolean): string | undefined {
  return dryRun ? 'All' : undefined;
}

/** The fields every kind shares, from its metadata. */
export function fromMeta(
  kind: WorkloadKind,
  meta: V1ObjectMeta | undefined,
): Pick<
  Workload,
  'kind' | 'name' | 'resourceVersion' | 'generation' | 'annotations'
> {
  return {
    kind,
    name: meta?.name ?? '',
    resourceVersion: meta?.resourceVersion ?? '',
    generation: meta?.generation,
    annotations: meta?.annotations ?? {},
  };
}

/**
 * The metadata half of a write: our marker, plus the resourceVersion read, so the
 * server rejects the patch with 409 if anything changed since.
 */
export function metadataPatch(
  workload: Workload,
  markerAnnotation: string,
  state: WorkloadState,
  extra: Record<string, string | null> = {},
) {
  return {
    resourceVersion: workload.resourceVersion,
    annotations: { ...extra, [markerAnnotation]: state.marker },
  };
}

/** Follows `continue` tokens until the list is complete. */
export async function listAll<T>(
  fetchPage: (
    limit: number,
    cont: string | undefined,
  ) => Promise<{ items: T[]; metadata?: V1ListMeta }>,
): Promise<T[]> {
  const items: T[] = [];
  let cont: string | undefined;
  do {
    const page = await fetchPage(PAGE_SIZE, cont);
    items.push(...page.items);
    cont = page.metadata?._continue || undefined;
  } while (cont);
  return items;
}

/**
 * A collection read and written as untyped JSON through the cluster's JSON
 * client (`ClusterApis.json`). Kubernetes JSON and client-node's models share
 * the field names the engine reads (metadata, spec, status); the models'
 * (de)serialization, which walks every field of every object (~10 % of the
 * client's CPU in a sleep of 200 Deployments), and client-node's per-request
 * machinery (~0.4 ms of CPU per PATCH) are skipped. The cluster-state cache
 * reads the same objects as untyped JSON too (clusterState/watchedKinds.ts).
 */
export function untypedCollection<T>(
  group: string,
  version: string,
  plural: string,
) {
  const collection = (namespace: string) =>
    `/apis/${group}/${version}/namespaces/${encodeURIComponent(
      namespace,
    )}/${plural}`;
  const object = (namespace: string, name: string) =>
    `${collection(namespace)}/${encodeURIComponent(name)}`;
  return {
    list: (client: ClusterApis, namespace: string): Promise<T[]> =>
      listAll(async (limit, cont) => {
        const page = (await client.json.get(collection(namespace), {
          limit,
          continue: cont,
        })) as { items: T[]; metadata?: { continue?: string } };
        return {
          items: page.items,
          metadata: { _continue: page.metadata?.continue },
        };
      }),
    read: async (
      client: ClusterApis,
      namespace: string,
      name: string,
    ): Promise<T> => (await client.json.get(object(namespace, name))) as T,
    patch: async (
      client: ClusterApis,
      namespace: string,
      name: string,
      body: object,
      dryRun: boolean,
    ): Promise<T> =>
      (await client.json.mergePatch(object(namespace, name), body, {
        dryRun: dryRunParam(dryRun),
      })) as T,
  };
}

/** What a kind supplies to become a KindAdapter. */
export interface KindDefinition<T> extends MarkerCodec {
  kind: WorkloadKind;
  markerAnnotation: string;
  phase: number;
  list(client: ClusterApis, namespace: string): Promise<T[]>;
  read(client: ClusterApis, namespace: string, name: string): Promise<T>;
  patch(
    client: ClusterApis,
    namespace: string,
    name: string,
    body: object,
    dryRun: boolean,
  ): Promise<T>;
  toWorkload(object: T): Workload;
  /** The merge patch for a state, without metadata.resourceVersion. */
  patchBody(workload: Workload, state: WorkloadState): object;
  sleepLevel(workload: Workload): number;
}

export function defineAdapter<T>(definition: KindDefinition<T>): KindAdapter {
  const {
    kind,
    markerAnnotation,
    phase,
    encode,
    decode,
    sleepLevel,
    toWorkload,
  } = definition;
  return {
    kind,
    markerAnnotation,
    phase,
    encode,
    decode,
    sleepLevel,
    list: async (client, namespace) =>
      (await definition.list(client, namespace)).map(toWorkload),
    read: async (client, namespace, name) =>
      toWorkload(await definition.read(client, namespace, name)),
    write: async (client, namespace, workload, state, dryRun) =>
      toWorkload(
        await definition.patch(
          client,
          namespace,
          workload.name,
          definition.patchBody(workload, state),
          dryRun,
        ),
      ),
    annotate: async (client, namespace, workload, annotations, precondition) =>
      toWorkload(
        await definition.patch(
          client,
          namespace,
          workload.name,
          {
            metadata: {
              annotations,
              ...(precondition
                ? { resourceVersion: workload.resourceVersion }
                : {}),
            },
          },
          false,
        ),
      ),
  };
}

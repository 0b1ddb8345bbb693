import { randomUUID } from 'node:crypto';
import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  ResourceNames,
} from './errors';
import { apiVersionOf, ResourceDef, ResourceRegistry } from './resources';
import { ObjectStore } from './store';
import {
  applyDefaults,
  serverStatus,
  shape,
  specChanged,
  StrategyContext,
  tracksGeneration,
} from './strategy';
import {
  clone,
  isObject,
  KubeObject,
  randomSuffix,
  sameJson,
  timestamp,
} from './types';
import { templateHash } from './pods';
import { decodeError, validateObject } from './validation';
import { DEPLOYMENT_REVISION } from './workloads';

export interface WriteOptions {
  dryRun?: boolean;
  /** Store the status the caller gives (direct writes from tests), instead of the server's. */
  keepStatus?: boolean;
  /** The object came out of a patch: the real server reports type errors as 422, not 400. */
  patched?: boolean;
  /**
   * Written around the API (manifests loaded at start, test setup): with no
   * readiness delay the workload controllers are found caught up with it.
   */
  direct?: boolean;
}

export interface DeleteOptions {
  dryRun?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

const NAMESPACES: ResourceNames = {
  group: '',
  plural: 'namespaces',
  kind: 'Namespace',
};

/**
 * The semantics of create, update and delete (the registry layer of kube-apiserver): admission,
 * defaulting, validation, preconditions, server-owned fields, dry-run.
 * Objects here are in their storage version; the HTTP layer converts served versions.
 */
export class Cluster {
  private readonly ctx: StrategyContext;

  constructor(
    readonly store: ObjectStore,
    readonly registry: ResourceRegistry,
    directWritesSettle: boolean,
  ) {
    this.ctx = { store, directWritesSettle };
  }

  read(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const found = this.store.get(def.kind, namespace, name);
    if (!found) throw notFound(def, name);
    return found;
  }

  create(
    def: ResourceDef,
    namespace: string | undefined,
    input: KubeObject,
    options: WriteOptions = {},
  ): KubeObject {
    const obj = this.admit(def, namespace, input);
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = `${obj.metadata.generateName}${randomSuffix()}`;
    }
    const name = obj.metadata.name ?? '';
    this.checkTypes(def, obj, options);
    if (
      def.namespaced &&
      namespace &&
      !this.store.get('Namespace', undefined, namespace)
    ) {
      throw notFound(NAMESPACES, namespace);
    }
    applyDefaults(obj);
    this.validate(def, obj);
    if (this.store.get(def.kind, namespace, name))
      throw alreadyExists(def, name);

    const { resourceVersion, deletionTimestamp, ...metadata } = obj.metadata;
    obj.metadata = {
      ...metadata,
      uid: randomUUID(),
      creationTimestamp: timestamp(),
    };
    if (tracksGeneration(def.kind)) obj.metadata.generation = 1;
    if (!options.keepStatus)
      obj.status = serverStatus(def, obj, undefined, this.ctx, options.direct);
    this.caughtUp(obj, undefined, options);
    const result = shape(obj);
    return options.dryRun ? result : this.store.commit(def.kind, result);
  }

  update(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    input: KubeObject,
    options: WriteOptions = {},
  ): KubeObject {
    const current = this.read(def, namespace, name);
    if (input.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${input.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const obj = this.admit(def, namespace, input);
    this.checkTypes(def, obj, options);
    this.checkPreconditions(def, obj, current);
    applyDefaults(obj);

    obj.metadata = {
      ...obj.metadata,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      resourceVersion: current.metadata.resourceVersion,
    };
    if (tracksGeneration(def.kind)) {
      const generation = current.metadata.generation ?? 1;
      obj.metadata.generation = specChanged(obj, current)
        ? generation + 1
        : generation;
    }
    this.validate(def, obj);
    if (!options.keepStatus)
      obj.status = serverStatus(def, obj, current, this.ctx, options.direct);
    this.caughtUp(obj, current, options);
    const result = shape(obj);
    // Like etcd, an update that changes nothing keeps the resourceVersion and sends no event.
    if (sameJson(result, current) || options.dryRun) return result;
    return this.store.commit(def.kind, result);
  }

  remove(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): KubeObject {
    const current = this.read(def, namespace, name);
    const { uid, resourceVersion } = options.preconditions ?? {};
    // The storage layer names the kind here (`CronJob.batch`), not the resource.
    const byKind = { group: def.group, plural: def.kind, kind: def.kind };
    if (uid && uid !== current.metadata.uid) {
      throw conflict(
        byKind,
        name,
        `the UID in the precondition (${uid}) does not match the UID in record (${current.metadata.uid}). The object might have been deleted and then recreated`,
      );
    }
    if (
      resourceVersion &&
      resourceVersion !== current.metadata.resourceVersion
    ) {
      throw conflict(
        byKind,
        name,
        `the ResourceVersion in the precondition (${resourceVersion}) does not match the ResourceVersion in record (${current.metadata.resourceVersion}). The object might have been modified`,
      );
    }
    if (options.dryRun) return current;
    if (def.kind === 'Namespace') return this.removeNamespace(current);
    return this.store.remove(def.kind, namespace, name) ?? current;
  }

  /** Creates the object, or replaces it unconditionally. For manifests loaded at start and test setup. */
  put(input: KubeObject, writeOptions: WriteOptions = {}): KubeObject {
    const options = { ...writeOptions, direct: true };
    const def = this.registry.byKind(input.kind);
    if (!def)
      throw badRequest(`no kind "${input.kind}" is registered in the sandbox`);
    const namespace = def.namespaced
      ? input.metadata.namespace ?? 'default'
      : undefined;
    const name = input.metadata.name ?? '';
    if (!this.store.get(def.kind, namespace, name))
      return this.create(def, namespace, input, options);
    const { resourceVersion, ...metadata } = input.metadata;
    return this.update(def, namespace, name, { ...input, metadata }, options);
  }

  /**
   * Namespace deletion: the namespace controller empties it (dependents first, so the pod
   * controller does not recreate pods), then the namespace goes. The response shows it
   * Terminating, as the real server does before finalizers run.
   */
  private removeNamespace(namespace: KubeObject): KubeObject {
    const name = namespace.metadata.name ?? '';
    const kinds = this.registry.all().filter(d => d.namespaced && !d.view);
    for (const def of [...kinds].reverse()) {
      for (const obj of this.store.list(def.kind, name)) {
        this.store.remove(def.kind, name, obj.metadata.name ?? '');
      }
    }
    const deleted =
      this.store.remove('Namespace', undefined, name) ?? namespace;
    return {
      ...deleted,
      metadata: { ...deleted.metadata, deletionTimestamp: timestamp() },
      status: { phase: 'Terminating' },
    };
  }

  /**
   * A direct write with no controller delays finds the deployment controller
   * caught up: the revision annotation it keeps is there (one more for a new
   * pod template).
   */
  private caughtUp(
    obj: KubeObject,
    current: KubeObject | undefined,
    options: WriteOptions,
  ): void {
    if (
      !options.direct ||
      !this.ctx.directWritesSettle ||
      obj.kind !== 'Deployment' ||
      obj.metadata.annotations?.[DEPLOYMENT_REVISION] !== undefined
    )
      return;
    const stored = Number(current?.metadata.annotations?.[DEPLOYMENT_REVISION]);
    const known = Number.isInteger(stored) && stored > 0 ? stored : 0;
    const sameTemplate =
      current !== undefined && templateHash(current) === templateHash(obj);
    const revision = known === 0 ? 1 : known + (sameTemplate ? 0 : 1);
    obj.metadata.annotations = {
      ...obj.metadata.annotations,
      [DEPLOYMENT_REVISION]: String(revision),
    };
  }

  /** Sets what the URL decides: kind, namespace, and the storage apiVersion. */
  private admit(
    def: ResourceDef,
    namespace: string | undefined,
    input: KubeObject,
  ): KubeObject {
    const obj = clone(input);
    if (!isObject(obj.metadata)) obj.metadata = {};
    if (def.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      obj.metadata.namespace = namespace;
    } else {
      delete obj.metadata.namespace;
    }
    obj.kind = def.kind;
    // Stored in the storage version, whichever version the request came through.
    obj.apiVersion = apiVersionOf(this.registry.byKind(def.kind) ?? def);
    return obj;
  }

  private checkTypes(
    def: ResourceDef,
    obj: KubeObject,
    options: WriteOptions,
  ): void {
    const problem = decodeError(def.kind, obj);
    if (!problem) return;
    if (options.patched) {
      throw invalid(def, obj.metadata.name ?? '', [
        { field: 'patch', type: 'Invalid', detail: problem },
      ]);
    }
    throw badRequest(
      `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: ${problem}`,
    );
  }

  private checkPreconditions(
    def: ResourceDef,
    obj: KubeObject,
    current: KubeObject,
  ): void {
    const name = current.metadata.name ?? '';
    const { uid, resourceVersion } = obj.metadata;
    if (uid && uid !== current.metadata.uid) {
      throw conflict(
        def,
        name,
        `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (resourceVersion && resourceVersion !== current.metadata.resourceVersion)
      throw conflict(def, name);
  }

  private validate(def: ResourceDef, obj: KubeObject): void {
    const errors = validateObject(def, obj);
    if (errors.length) throw invalid(def, obj.metadata.name ?? '', errors);
  }
}

import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  formatNamespaceRef,
  getEntityNamespaceRefs,
  ManagedNamespaceRef,
  parseNamespaceResourceRef,
} from '@namespace-scheduler/backstage-plugin-common';
import { CLAIM_FILTER, ownerRefsOf } from './entityClaims';

export type { ManagedNamespaceRef };

/** A namespace with the entities that claim it and their owners. */
export type NamespaceClaim = ManagedNamespaceRef & {
  entityRefs: string[];
  ownerRefs: string[];
};

/** How long a claim index that just changed size is kept. */
const SETTLING_TTL_MS = 2_000;

/**
 * Reads which catalog entities claim which namespaces. The claim index is
 * cached briefly: ownership changes slowly and every permission check of a
 * namespace needs it.
 */
export class NamespaceCatalog {
  private cache?: {
    at: number;
    ttlMs: number;
    claims: Promise<Map<string, NamespaceClaim>>;
  };
  /** How many namespaces the last read found claimed. */
  private lastSize?: number;

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    defaultCluster: string;
    cacheTtlMs?: number;
  }) {
    return new NamespaceCatalog(
      options.catalog,
      options.auth,
      options.defaultCluster,
      options.cacheTtlMs ?? 30_000,
    );
  }

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly defaultCluster: string,
    private readonly cacheTtlMs: number,
  ) {}

  /** The entity, read with the caller's credentials (so catalog permissions apply). */
  async getEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity named ${entityRef}`);
    return entity;
  }

  /** The namespaces an entity claims, with the default cluster filled in. */
  namespacesOf(entity: Entity): ManagedNamespaceRef[] {
    return getEntityNamespaceRefs(entity).map(ref => ({
      cluster: ref.cluster ?? this.defaultCluster,
      namespace: ref.namespace,
    }));
  }

  /** Who claims a namespace; undefined when no entity does. */
  async claimOf(ref: ManagedNamespaceRef): Promise<NamespaceClaim | undefined> {
    return (await this.claims()).get(formatNamespaceRef(ref));
  }

  /** Who claims `cluster/namespace` (a permission resource ref). */
  async claimOfResourceRef(
    resourceRef: string,
  ): Promise<NamespaceClaim | undefined> {
    const ref = parseNamespaceResourceRef(resourceRef);
    return ref && this.claimOf(ref);
  }

  /** Every claimed namespace. */
  async allClaims(): Promise<NamespaceClaim[]> {
    return [...(await this.claims()).values()];
  }

  /** Drops the cached claim index: the next read asks the catalog. */
  refresh(): void {
    this.cache = undefined;
  }

  private claims(): Promise<Map<string, NamespaceClaim>> {
    const now = Date.now();
    if (!this.cache || now - this.cache.at > this.cache.ttlMs) {
      const claims = this.loadClaims();
      const entry = { at: now, ttlMs: this.cacheTtlMs, claims };
      // Neither a failed load nor an empty one is kept: a catalog still
      // ingesting at startup (the runner's first tick) would otherwise make
      // every namespace unclaimed for the whole TTL. A load that found a
      // different number of claims than the last may be such a catalog
      // half way: kept only briefly, until two loads agree.
      claims.then(
        loaded => {
          if (loaded.size === 0) this.forget(claims);
          else if (loaded.size !== this.lastSize) {
            entry.ttlMs = Math.min(SETTLING_TTL_MS, this.cacheTtlMs);
          }
          this.lastSize = loaded.size;
        },
        () => this.forget(claims),
      );
      this.cache = entry;
    }
    return this.cache.claims;
  }

  private forget(claims: Promise<Map<string, NamespaceClaim>>) {
    if (this.cache?.claims === claims) this.cache = undefined;
  }

  private async loadClaims(): Promise<Map<string, NamespaceClaim>> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      { filter: CLAIM_FILTER },
      { credentials },
    );
    const claims = new Map<string, NamespaceClaim>();
    for (const entity of items) {
      for (const ref of this.namespacesOf(entity)) {
        const claim = claims.get(formatNamespaceRef(ref)) ?? {
          ...ref,
          entityRefs: [],
          ownerRefs: [],
        };
        addUnique(claim.entityRefs, [stringifyEntityRef(entity)]);
        addUnique(claim.ownerRefs, ownerRefsOf(entity));
        claims.set(formatNamespaceRef(ref), claim);
      }
    }
    return claims;
  }
}

function addUnique(target: string[], items: string[]) {
  for (const item of items) if (!target.includes(item)) target.push(item);
}

import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_COST_CENTERS,
  getEntityCostCenters,
} from '@namespace-scheduler/backstage-plugin-common';
import { ownerGroupRefsOf } from '../catalog/entityClaims';
import {
  ManagedNamespaceRef,
  NamespaceCatalog,
} from '../catalog/NamespaceCatalog';
import { TtlCache } from './TtlCache';

/** One cost center an entity may charge, and where it comes from. */
export type CostCenterSource = {
  costCenter: string;
  entityRef: string;
  /** The owning Group it is inherited from, when the entity declares none. */
  inheritedFrom?: string;
};

/** What governance reads from the catalog. */
export interface CostCenterDirectory {
  /** A namespace's valid cost centers: those of the entities claiming it. */
  validFor(ref: ManagedNamespaceRef): Promise<CostCenterSource[]>;
  /** Every annotation declaring cost centers, on any entity. */
  declarations(): Promise<CostCenterSource[]>;
  /** The user's ref and the groups they are a direct member of. */
  membershipOf(userRef: string): Promise<string[]>;
}

const DECLARING_FILTER = {
  [`metadata.annotations.${ANNOTATION_COST_CENTERS}`]: CATALOG_FILTER_EXISTS,
};

/**
 * Cost centers from catalog annotations: an entity's own
 * `namespace-scheduler/cost-centers`, or, when it has none, its owning
 * Group's. Entities are read with the plugin's own credentials and cached
 * briefly, like the claim index beside it (NamespaceCatalog).
 */
export class CostCenterCatalog implements CostCenterDirectory {
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    claims: Pick<NamespaceCatalog, 'claimOf'>;
    cacheTtlMs?: number;
  }): CostCenterCatalog {
    const ttlMs = options.cacheTtlMs ?? 30_000;
    return new CostCenterCatalog(
      options.catalog,
      options.auth,
      options.claims,
      TtlCache.create({ ttlMs }),
      TtlCache.create({ ttlMs }),
    );
  }

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly claims: Pick<NamespaceCatalog, 'claimOf'>,
    private readonly entities: TtlCache<Entity | undefined>,
    private readonly declared: TtlCache<CostCenterSource[]>,
  ) {}

  async validFor(ref: ManagedNamespaceRef): Promise<CostCenterSource[]> {
    const claim = await this.claims.claimOf(ref);
    const sources = await Promise.all(
      (claim?.entityRefs ?? []).map(entityRef => this.sourcesOf(entityRef)),
    );
    return sources.flat();
  }

  declarations(): Promise<CostCenterSource[]> {
    return this.declared.get('all', async () => {
      const { items } = await this.catalog.getEntities(
        { filter: DECLARING_FILTER },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      return items.flatMap(entity => ownSources(entity));
    });
  }

  async membershipOf(userRef: string): Promise<string[]> {
    const user = await this.entity(userRef);
    return [userRef, ...relationTargets(user, RELATION_MEMBER_OF)];
  }

  /** The entity's own cost centers, else those of the Groups owning it. */
  private async sourcesOf(entityRef: string): Promise<CostCenterSource[]> {
    const entity = await this.entity(entityRef);
    if (!entity) return [];
    const own = ownSources(entity);
    if (own.length > 0) return own;
    const groups = ownerGroupRefsOf(entity);
    const inherited = await Promise.all(
      groups.map(async groupRef => {
        const group = await this.entity(groupRef);
        return group
          ? getEntityCostCenters(group).map(costCenter => ({
              costCenter,
              entityRef,
              inheritedFrom: groupRef,
            }))
          : [];
      }),
    );
    return inherited.flat();
  }

  private entity(entityRef: string): Promise<Entity | undefined> {
    return this.entities.get(entityRef, async () => {
      const credentials = await this.auth.getOwnServiceCredentials();
      return this.catalog.getEntityByRef(entityRef, { credentials });
    });
  }
}

function ownSources(entity: Entity): CostCenterSource[] {
  const entityRef = stringifyEntityRef(entity);
  return getEntityCostCenters(entity).map(costCenter => ({
    costCenter,
    entityRef,
  }));
}

function relationTargets(entity: Entity | undefined, type: string): string[] {
  return (entity?.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => relation.targetRef);
}

import { AuthService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_EDIT_URL,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_SCHEDULE,
  ManagedNamespaceRef,
} from '@namespace-scheduler/backstage-plugin-common';
import { CLAIM_FILTER, ownerGroupRefsOf } from '../catalog/entityClaims';
import type { NamespaceCatalog } from '../catalog/NamespaceCatalog';

/** An entity claiming namespaces, and the schedule annotation that applies to them. */
export type DeclaringEntity = {
  /** The entity claiming `namespaces`. */
  entityRef: string;
  namespaces: ManagedNamespaceRef[];
  /** The annotation's value: the entity's own, else its owning Group's. */
  annotation: string;
  /** Whose annotation it is: `entityRef`, or the Group it inherits from. */
  declaredBy: string;
  /** Where to edit the annotation. */
  sourceUrl?: string;
};

/**
 * Reads, fresh from the catalog on every call (no cache: a changed
 * annotation must be seen on the next pass), the entities that claim
 * namespaces and have a schedule annotation, their own or their owning
 * Group's — the same inheritance as cost centers (CostCenterCatalog).
 */
export class DeclaringEntities {
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    namespaces: Pick<NamespaceCatalog, 'namespacesOf'>;
  }): DeclaringEntities {
    return new DeclaringEntities(
      options.catalog,
      options.auth,
      options.namespaces,
    );
  }

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly namespaces: Pick<NamespaceCatalog, 'namespacesOf'>,
  ) {}

  /** Every claiming entity, with `annotation` when one applies to it. */
  async read(): Promise<{
    claiming: number;
    declaring: DeclaringEntity[];
  }> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      { filter: CLAIM_FILTER },
      { credentials },
    );
    const groups = await this.owningGroups(items);
    const declaring = items.flatMap(entity => {
      const declarer = scheduleOf(entity)
        ? entity
        : ownerGroupRefsOf(entity)
            .map(ref => groups.get(ref))
            .find(group => group && scheduleOf(group));
      return declarer ? [this.declaring(entity, declarer)] : [];
    });
    return { claiming: items.length, declaring };
  }

  private declaring(entity: Entity, declarer: Entity): DeclaringEntity {
    const sourceUrl = sourceUrlOf(declarer);
    return {
      entityRef: stringifyEntityRef(entity),
      namespaces: this.namespaces.namespacesOf(entity),
      annotation: scheduleOf(declarer) ?? '',
      declaredBy: stringifyEntityRef(declarer),
      ...(sourceUrl && { sourceUrl }),
    };
  }

  /** The owning Groups of the entities without an annotation of their own. */
  private async owningGroups(entities: Entity[]): Promise<Map<string, Entity>> {
    const refs = [
      ...new Set(
        entities.filter(e => !scheduleOf(e)).flatMap(e => ownerGroupRefsOf(e)),
      ),
    ];
    if (refs.length === 0) return new Map();
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return new Map(
      items.flatMap(group =>
        group ? [[stringifyEntityRef(group), group]] : [],
      ),
    );
  }
}

function scheduleOf(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[ANNOTATION_SCHEDULE]?.trim();
  return value ? value : undefined;
}

/** `backstage.io/edit-url`, else the source location's URL. */
function sourceUrlOf(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const edit = annotations[ANNOTATION_EDIT_URL];
  if (edit) return edit;
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  return source?.replace(/^url:/, '') || undefined;
}

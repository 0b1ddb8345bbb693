import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_NAMESPACES,
} from '@namespace-scheduler/backstage-plugin-common';

/** A catalog filter for the entities that claim namespaces. */
export const CLAIM_FILTER: Record<string, symbol>[] = [
  { [`metadata.annotations.${ANNOTATION_NAMESPACES}`]: CATALOG_FILTER_EXISTS },
  {
    [`metadata.annotations.${ANNOTATION_KUBERNETES_NAMESPACE}`]:
      CATALOG_FILTER_EXISTS,
  },
];

/** Who owns the entity (its ownedBy relations). */
export function ownerRefsOf(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_OWNED_BY)
    .map(relation => relation.targetRef);
}

/** The Groups owning the entity: where its cost centers and schedule come from when it has none of its own. */
export function ownerGroupRefsOf(entity: Entity): string[] {
  return ownerRefsOf(entity).filter(
    ref => parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group',
  );
}

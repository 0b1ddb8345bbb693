import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_COST_CENTERS } from './annotations';
import { splitList } from './namespaceRefs';

/**
 * The cost centers an entity declares itself
 * (`namespace-scheduler/cost-centers: "CC-1, CC-2"`), trimmed and without
 * duplicates. Inheritance from the owning Group is the backend's concern: it
 * needs the catalog.
 *
 * @public
 */
export function getEntityCostCenters(entity: Entity): string[] {
  const value = entity.metadata.annotations?.[ANNOTATION_COST_CENTERS];
  return [...new Set(splitList(value))];
}

import { parseEntityRef } from '@backstage/catalog-model';
import { formatNamespaceRef } from '@namespace-scheduler/backstage-plugin-common';

/** The entity tab's path (the frontend plugin's `namespace-schedule` entity content). */
const TAB = 'namespace-schedule';

/** How long the keep-awake link proposes past the sleep: an evening's work. */
export const KEEP_AWAKE_MS = 2 * 60 * 60_000;

/** `/catalog/default/component/shop-api`: the claiming entity's page. */
export function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}

/**
 * The entity tab opening its "keep awake until…" dialog for the namespace,
 * prefilled to two hours after the sleep (`?namespace=&keepAwakeUntil=`).
 */
export function keepAwakeLink(
  entityRef: string,
  ref: { cluster: string; namespace: string },
  dueAt: number,
): string {
  const query = new URLSearchParams({
    namespace: formatNamespaceRef(ref),
    keepAwakeUntil: new Date(dueAt + KEEP_AWAKE_MS).toISOString(),
  });
  return `${entityPath(entityRef)}/${TAB}?${query}`;
}

/** The entity tab showing the namespace. */
export function tabLink(
  entityRef: string,
  ref: { cluster: string; namespace: string },
): string {
  const query = new URLSearchParams({ namespace: formatNamespaceRef(ref) });
  return `${entityPath(entityRef)}/${TAB}?${query}`;
}

import type { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import type { ResolvedEntry } from './resolveEntries';

/** A stored declared schedule's key change. */
export type Rename = { id: string; from: string; to: string };

/**
 * Which stored schedule each entry takes over, per declarer and namespace
 * (the key without its position): first the one already under the entry's
 * key, then one that already is the entry (`same`), so reordering an
 * annotation moves keys, not schedules; then the others in their old order,
 * so an edited entry replaces its schedule (same id, same runs). A stored
 * schedule left over moves to a key nothing wants, to be deleted.
 */
export function assignKeys(
  stored: Map<string, Schedule>,
  entries: ResolvedEntry[],
  same: (schedule: Schedule, entry: ResolvedEntry) => boolean,
): Rename[] {
  const renames: Rename[] = [];
  for (const [prefix, group] of groupBy(entries, entry =>
    prefixOf(entry.key),
  )) {
    const free = [...stored.keys()]
      .filter(key => prefixOf(key) === prefix)
      .sort((a, b) => positionOf(a) - positionOf(b));
    const take = (key: string, entry: ResolvedEntry) => {
      free.splice(free.indexOf(key), 1);
      if (key !== entry.key) {
        renames.push({ id: stored.get(key)!.id, from: key, to: entry.key });
      }
    };
    const ownKey = (entry: ResolvedEntry) =>
      free.includes(entry.key) && same(stored.get(entry.key)!, entry)
        ? entry.key
        : undefined;
    const sameContent = (entry: ResolvedEntry) =>
      free.find(key => same(stored.get(key)!, entry));
    const firstFree = () => free[0];
    let rest = group;
    for (const pick of [ownKey, sameContent, firstFree]) {
      rest = rest.filter(entry => {
        const key = pick(entry);
        if (key !== undefined) take(key, entry);
        return key === undefined;
      });
    }
    for (const key of free) {
      const { id } = stored.get(key)!;
      renames.push({ id, from: key, to: `${key}|unwanted:${id}` });
    }
  }
  // Leftovers only matter where another schedule takes their key.
  return renames.filter(
    r => !r.to.includes('|unwanted:') || renames.some(o => o.to === r.from),
  );
}

function prefixOf(key: string): string {
  return key.slice(0, key.lastIndexOf('|'));
}

function positionOf(key: string): number {
  return Number(key.slice(key.lastIndexOf('|') + 1));
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  }
  return groups;
}

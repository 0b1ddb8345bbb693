import type { Change } from './plan/types';
import type { JournalEntry } from './types';
import type { Workload } from './workloads';

export function journalEntryOf(change: Change): JournalEntry {
  const { kind, name, resourceVersion } = change.workload;
  return { kind, name, resourceVersion, from: change.from, to: change.to };
}

/**
 * A journal entry as a change to undo. The workload holds only what undoing
 * reads from it (kind, name, the resourceVersion written against); it
 * re-reads the object itself.
 */
export function changeOfEntry(entry: JournalEntry): Change {
  const workload: Workload = {
    kind: entry.kind,
    name: entry.name,
    resourceVersion: entry.resourceVersion,
    annotations: {},
    level: entry.from.level,
  };
  return { workload, phase: 0, from: entry.from, to: entry.to };
}

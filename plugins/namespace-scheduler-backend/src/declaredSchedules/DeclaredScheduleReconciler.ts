import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, isError } from '@backstage/errors';
import {
  DeclaredScheduleState,
  findWindowConflict,
  ManagedNamespaceRef,
  Schedule,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceChangePublisher } from '../namespaceChanges';
import { DeclaredRecord, ScheduleSaveGuard, ScheduleStore } from '../schedules';
import { ScheduleValidator } from '../schedules/ScheduleValidator';
import { ScheduleWriter } from '../schedules/ScheduleWriter';
import { Clock, systemClock } from '../time/Clock';
import type { HolidayCalendars } from './config';
import type { DeclaringEntities, DeclaringEntity } from './DeclaringEntities';
import type { KnexDeclaredScheduleStore } from './KnexDeclaredScheduleStore';
import { assignKeys } from './assignKeys';
import {
  DefaultCostCenter,
  Resolution,
  resolveEntries,
  ResolvedEntry,
} from './resolveEntries';

/** What one pass changed. */
export type ReconcileSummary = {
  created: number;
  replaced: number;
  deleted: number;
  unchanged: number;
  conflicts: number;
  invalid: number;
};

type Deps = {
  entities: Pick<DeclaringEntities, 'read'>;
  store: ScheduleStore;
  declared: KnexDeclaredScheduleStore;
  validator: Pick<ScheduleValidator, 'validate'>;
  saveGuards: ScheduleSaveGuard[];
  calendars: HolidayCalendars;
  defaultCostCenter: DefaultCostCenter;
  /** Drops cached catalog reads (the claim index) before a pass. */
  refreshCatalog?: () => void;
  /** Tells the pages of a namespace that its declared schedules' states changed. */
  changes?: Pick<NamespaceChangePublisher, 'publish'>;
  logger: LoggerService;
  clock: Clock;
};

type Stored = Map<string, Schedule>;

/**
 * Makes the stored declared schedules what the catalog's
 * `namespace-scheduler/schedule` annotations say: creates, replaces (same
 * key: same id and run history) and deletes them through the ordinary
 * writer and its save guards, saved by the declaring entity. A refused
 * entry is recorded as a conflict and forces nothing; an annotation with an
 * invalid entry changes none of its schedules. An unchanged catalog writes
 * no schedule.
 */
export class DeclaredScheduleReconciler {
  static create(
    deps: Omit<Deps, 'clock'> & { clock?: Clock },
  ): DeclaredScheduleReconciler {
    return new DeclaredScheduleReconciler({
      ...deps,
      clock: deps.clock ?? systemClock,
    });
  }

  private constructor(private readonly deps: Deps) {}

  /** One pass over the whole catalog. */
  async reconcile(): Promise<ReconcileSummary> {
    const summary = emptySummary();
    this.deps.refreshCatalog?.();
    const { claiming, declaring } = await this.deps.entities.read();
    // A catalog still ingesting (or emptied by mistake) claims nothing:
    // deleting every declared schedule then would be wrong.
    if (claiming === 0) return summary;
    const now = this.deps.clock.now();
    const checkedAt = now.toISOString();
    const stored = await this.deps.declared.declaredSchedules();
    const resolved = await Promise.all(
      declaring.map(async entity => ({
        entity,
        resolution: await resolveEntries(entity, { ...this.deps, checkedAt }),
      })),
    );

    await this.moveKeys(stored, resolved);
    const wanted = new Set<string>();
    for (const { entity, resolution } of resolved) {
      if ('invalid' in resolution) {
        keysOf(entity, stored).forEach(key => wanted.add(key));
      } else resolution.entries.forEach(entry => wanted.add(entry.key));
    }
    // Deletions first: a removed entry may make room for a changed one.
    summary.deleted = await this.deleteUnwanted(stored, wanted);

    for (const { entity, resolution } of resolved) {
      const states =
        'invalid' in resolution
          ? resolution.invalid
          : await this.applyAll(resolution.entries, stored, now, summary);
      summary.invalid += states.filter(s => s.status === 'invalid').length;
      summary.conflicts += states.filter(s => s.status === 'conflict').length;
      if (await this.deps.declared.saveStates(entity.entityRef, states, now)) {
        await this.signal(entity, states);
      }
    }
    await this.deps.declared.retainStates(declaring.map(e => e.entityRef));
    // Quiet when nothing was written: a standing conflict is reported, not logged, every pass.
    if (summary.created + summary.replaced + summary.deleted > 0) {
      this.deps.logger.info(
        `Declared schedules reconciled: ${JSON.stringify(summary)}`,
      );
    }
    return summary;
  }

  /** Stored schedules follow their entries to new positions (assignKeys). */
  private async moveKeys(
    stored: Stored,
    resolved: Array<{ resolution: Resolution }>,
  ) {
    const entries = resolved.flatMap(({ resolution }) =>
      'entries' in resolution ? resolution.entries : [],
    );
    const renames = assignKeys(
      stored,
      entries,
      (schedule, entry) =>
        'input' in entry && sameSchedule(schedule, entry.input, entry.declared),
    );
    if (renames.length === 0) return;
    await this.deps.declared.rekey(renames);
    const moved = renames.map(r => [r.to, stored.get(r.from)!] as const);
    renames.forEach(r => stored.delete(r.from));
    moved.forEach(([key, schedule]) => stored.set(key, schedule));
  }

  /**
   * After the states are saved: the schedule writes signalled before them,
   * so a tab reading then could show the previous states until its next read.
   */
  private async signal(
    entity: DeclaringEntity,
    states: DeclaredScheduleState[],
  ) {
    const refs = new Map<string, ManagedNamespaceRef>();
    for (const ref of [...entity.namespaces, ...states]) {
      if (ref.cluster && ref.namespace) {
        const { cluster, namespace } = ref;
        refs.set(`${cluster}/${namespace}`, { cluster, namespace });
      }
    }
    for (const ref of refs.values()) {
      await this.deps.changes?.publish(ref, 'schedules');
    }
  }

  private async deleteUnwanted(stored: Stored, wanted: Set<string>) {
    let deleted = 0;
    for (const [key, schedule] of stored) {
      if (wanted.has(key)) continue;
      await this.deps.store.delete(schedule.id);
      stored.delete(key);
      deleted += 1;
      this.deps.logger.info(
        `Deleted schedule ${schedule.id} "${schedule.title}" of ${schedule.cluster}/${schedule.namespace}: ` +
          `${schedule.declared?.entity_ref} no longer declares it`,
      );
    }
    return deleted;
  }

  private async applyAll(
    entries: ResolvedEntry[],
    stored: Stored,
    now: Date,
    summary: ReconcileSummary,
  ): Promise<DeclaredScheduleState[]> {
    const states: DeclaredScheduleState[] = [];
    // One at a time: entries of one namespace are checked against each other.
    for (const entry of entries) {
      states.push(await this.apply(entry, stored, now, summary));
    }
    return states;
  }

  private async apply(
    entry: ResolvedEntry,
    stored: Stored,
    now: Date,
    summary: ReconcileSummary,
  ): Promise<DeclaredScheduleState> {
    const state = (
      fields: Pick<DeclaredScheduleState, 'status'> &
        Partial<DeclaredScheduleState>,
    ): DeclaredScheduleState => ({
      ...entry.base,
      ...fields,
      checked_at: now.toISOString(),
    });
    if ('problem' in entry) {
      return state({ status: 'invalid', message: entry.problem });
    }
    const existing = stored.get(entry.key);
    let input: ScheduleInput;
    try {
      input = await this.deps.validator.validate(entry.input, now);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return state({ status: 'invalid', message: error.message });
    }
    if (existing && sameSchedule(existing, input, entry.declared)) {
      summary.unchanged += 1;
      return state({ status: 'applied', schedule_id: existing.id });
    }
    try {
      const saved = await this.save(input, entry.declared, existing, now);
      stored.set(entry.key, saved);
      summary[existing ? 'replaced' : 'created'] += 1;
      return state({ status: 'applied', schedule_id: saved.id });
    } catch (error) {
      // Another instance stored this very entry meanwhile.
      const raced = existing
        ? undefined
        : await this.deps.declared.declaredSchedule(entry.key);
      if (raced && sameSchedule(raced, input, entry.declared)) {
        stored.set(entry.key, raced);
        summary.unchanged += 1;
        return state({ status: 'applied', schedule_id: raced.id });
      }
      return state({
        status: 'conflict',
        ...(existing && { schedule_id: existing.id }),
        message: isError(error) ? error.message : String(error),
        ...(await this.conflictOf(input, existing)),
      });
    }
  }

  /** Saved by the declaring entity, through the save guards and the overlap check. */
  private save(
    input: ScheduleInput,
    declared: DeclaredRecord,
    existing: Schedule | undefined,
    now: Date,
  ): Promise<Schedule> {
    const writer = ScheduleWriter.create({
      store: declaringStore(this.deps.store, declared),
      saveGuards: this.deps.saveGuards,
    });
    return existing
      ? writer.replace(existing.id, input, now, declared.entity_ref)
      : writer.insert(input, now, declared.entity_ref);
  }

  /** The window of the namespace the entry overlaps, if that is why it was refused. */
  private async conflictOf(input: ScheduleInput, existing?: Schedule) {
    const siblings = await this.deps.store.list(input);
    const conflict = findWindowConflict(
      { ...input, id: existing?.id },
      siblings,
      this.deps.clock.now().getTime(),
    );
    return conflict
      ? {
          conflicts_with: {
            schedule_id: conflict.schedule.id,
            title: conflict.schedule.title,
          },
        }
      : {};
  }
}

/** The store as the writer sees it, writing `declared` with each save. */
function declaringStore(
  store: ScheduleStore,
  declared: DeclaredRecord,
): Pick<ScheduleStore, 'create' | 'replace' | 'list'> {
  return {
    create: (schedule, check) => store.create({ ...schedule, declared }, check),
    replace: (id, update, check) =>
      store.replace(id, { ...update, declared }, check),
    list: filter => store.list(filter),
  };
}

/** Stored keys of the namespaces the entity claims, declared by its declarer. */
function keysOf(entity: DeclaringEntity, stored: Stored): string[] {
  const prefixes = entity.namespaces.map(
    ref => `${entity.declaredBy}|${ref.cluster}/${ref.namespace}|`,
  );
  return [...stored.keys()].filter(key =>
    prefixes.some(prefix => key.startsWith(prefix)),
  );
}

/** Whether the stored schedule already is the entry (its timing, target and declaration). */
function sameSchedule(
  schedule: Schedule,
  input: ScheduleInput,
  declared: DeclaredRecord,
): boolean {
  const { key: _key, ...declaration } = declared;
  return (
    schedule.status === 'active' &&
    canonical(pickInput(schedule)) === canonical(pickInput(input)) &&
    canonical(schedule.declared ?? {}) === canonical(declaration)
  );
}

/** The fields an entry sets, empty dates left out. */
function pickInput(schedule: ScheduleInput): Partial<ScheduleInput> {
  if (schedule.kind !== 'weekly') return { kind: schedule.kind };
  const { title, cluster, namespace, cost_center, zone, days, from, to } =
    schedule;
  return {
    kind: 'weekly',
    title,
    cluster,
    namespace,
    cost_center,
    zone,
    days,
    from,
    to,
    ...(schedule.except_dates?.length && {
      except_dates: schedule.except_dates,
    }),
  };
}

/** JSON with sorted keys and no undefined, so equal content compares equal. */
function canonical(value: object): string {
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

function emptySummary(): ReconcileSummary {
  return {
    created: 0,
    replaced: 0,
    deleted: 0,
    unchanged: 0,
    conflicts: 0,
    invalid: 0,
  };
}

import {
  DeclaredScheduleState,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  ScheduleRow,
  scheduleFromRow,
  SCHEDULES,
} from '../schedules/scheduleRows';
import type { Rename } from './assignKeys';

const STATES = 'ns_declared_schedule_states';

type StateRow = { entity_ref: string; states: string; checked_at: number };

/**
 * The declared side of the portal database: the stored declared schedules
 * by key (written through the ordinary schedule store), and what the last
 * reconciliation made of each claiming entity's entries.
 */
export class KnexDeclaredScheduleStore {
  static create(options: { knex: Knex }): KnexDeclaredScheduleStore {
    return new KnexDeclaredScheduleStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  /** Every declared schedule, by its declared key. */
  async declaredSchedules(): Promise<Map<string, Schedule>> {
    const rows = await this.knex<ScheduleRow>(SCHEDULES).whereNotNull(
      'declared_key',
    );
    return new Map(rows.map(row => [row.declared_key!, scheduleFromRow(row)]));
  }

  /** The declared schedule stored under `key`, if any. */
  async declaredSchedule(key: string): Promise<Schedule | undefined> {
    const row = await this.knex<ScheduleRow>(SCHEDULES)
      .where({ declared_key: key })
      .first();
    return row && scheduleFromRow(row);
  }

  /**
   * Moves stored declared schedules to new keys, all or none: through
   * keys of their own first, as two may swap. A schedule whose key changed
   * meanwhile (another pass) fails the whole move.
   */
  async rekey(renames: Rename[]): Promise<void> {
    await this.knex.transaction(async tx => {
      for (const { id, from } of renames) {
        const moved = await tx(SCHEDULES)
          .where({ id, declared_key: from })
          .update({ declared_key: `moving:${id}` });
        if (moved !== 1) {
          throw new ConflictError(
            `Declared schedule ${id} is no longer under ${from}`,
          );
        }
      }
      for (const { id, to } of renames) {
        await tx(SCHEDULES).where({ id }).update({ declared_key: to });
      }
    });
  }

  /**
   * Replaces the states of a claiming entity's entries; whether they say
   * something new (other than when they were checked).
   */
  async saveStates(
    entityRef: string,
    states: DeclaredScheduleState[],
    at: Date,
  ): Promise<boolean> {
    const previous = await this.knex<StateRow>(STATES)
      .where({ entity_ref: entityRef })
      .first();
    await this.knex<StateRow>(STATES)
      .insert({
        entity_ref: entityRef,
        states: JSON.stringify(states),
        checked_at: at.getTime(),
      })
      .onConflict('entity_ref')
      .merge();
    return (
      !previous ||
      uncheckedJson(JSON.parse(previous.states)) !== uncheckedJson(states)
    );
  }

  /** Forgets the states of entities that no longer declare anything. */
  async retainStates(entityRefs: string[]): Promise<void> {
    const stale = (await this.knex<StateRow>(STATES).select('entity_ref'))
      .map(row => row.entity_ref)
      .filter(ref => !entityRefs.includes(ref));
    if (stale.length > 0) {
      await this.knex<StateRow>(STATES).whereIn('entity_ref', stale).delete();
    }
  }

  /**
   * The states of the entity's entries: those of the namespaces it claims,
   * and those it declares for others (a Group's entries its Components
   * inherit).
   */
  async statesOf(entityRef: string): Promise<DeclaredScheduleState[]> {
    const rows = await this.knex<StateRow>(STATES);
    return rows.flatMap(row => {
      const states = JSON.parse(row.states) as DeclaredScheduleState[];
      return row.entity_ref === entityRef
        ? states
        : states.filter(state => state.entity_ref === entityRef);
    });
  }
}

/** The states without their `checked_at`, as JSON. */
function uncheckedJson(states: DeclaredScheduleState[]): string {
  return JSON.stringify(states.map(({ checked_at: _at, ...rest }) => rest));
}

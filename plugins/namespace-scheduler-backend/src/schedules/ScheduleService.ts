import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  formatNamespaceRef,
  namespaceReadPermission,
  Schedule,
  scheduleManagePermission,
  ScheduleRun,
} from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import type { OverrideHolds } from './OverrideHolds';
import { requireSchedule, ScheduleStore } from './ScheduleStore';
import {
  assertNotDeclared,
  assertSameKind,
  ScheduleValidator,
} from './ScheduleValidator';
import type { PlannedSchedule, ScheduleWriter } from './ScheduleWriter';

/** A user's, or those of a service acting as a catalog entity (ServiceCallers). */
type UserCredentials = BackstageCredentials;
type NamespaceRef = { cluster: string; namespace: string };

type ServiceDeps = {
  store: Pick<ScheduleStore, 'get' | 'list' | 'delete' | 'listRuns'>;
  validator: Pick<ScheduleValidator, 'validate'>;
  writer: Pick<ScheduleWriter, 'insert' | 'replace' | 'plan'>;
  /** Creating an override runs it at once. */
  overrides: Pick<OverrideHolds, 'create' | 'plan'>;
  authorizer: NamespaceAuthorizer;
  clock: Clock;
};

/**
 * Schedules as users see them: listed, read, created, replaced and deleted,
 * permission-checked per namespace (read; manage to change), with identity
 * from the credentials. Saves are validated, then written through the save
 * guards (`ScheduleWriter`); an override is saved and run (`OverrideHolds`).
 */
export class ScheduleService {
  static create(
    deps: Omit<ServiceDeps, 'clock'> & { clock?: Clock },
  ): ScheduleService {
    return new ScheduleService({ ...deps, clock: deps.clock ?? systemClock });
  }

  private constructor(private readonly deps: ServiceDeps) {}

  async list(
    filter: Partial<NamespaceRef>,
    credentials: BackstageCredentials,
  ): Promise<Schedule[]> {
    const schedules = await this.deps.store.list(filter);
    const readable = await this.deps.authorizer.filter(
      credentials,
      namespaceReadPermission,
      uniqueNamespaces(schedules),
    );
    const keys = new Set(readable.map(formatNamespaceRef));
    return schedules.filter(schedule => keys.has(formatNamespaceRef(schedule)));
  }

  async get(id: string, credentials: BackstageCredentials): Promise<Schedule> {
    const schedule = await requireSchedule(this.deps.store, id);
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceReadPermission,
      schedule,
    );
    return schedule;
  }

  async runs(
    id: string,
    limit: number,
    credentials: BackstageCredentials,
  ): Promise<ScheduleRun[]> {
    await this.get(id, credentials);
    return this.deps.store.listRuns(id, limit);
  }

  async create(body: unknown, credentials: UserCredentials): Promise<Schedule> {
    const now = this.deps.clock.now();
    const input = await this.deps.validator.validate(body, now);
    if (input.kind === 'override') {
      return (await this.deps.overrides.create(input, now, credentials))
        .schedule;
    }
    await this.assertMayManage(credentials, input);
    return this.deps.writer.insert(
      input,
      now,
      this.deps.authorizer.requesterOf(credentials),
    );
  }

  /**
   * A dry run of `create`: every check `create` makes (validation,
   * permissions, cost center, off-hours limit, overlap), and the schedule as
   * it would be stored, without an id. Nothing is saved or run.
   */
  async plan(
    body: unknown,
    credentials: UserCredentials,
  ): Promise<PlannedSchedule> {
    const now = this.deps.clock.now();
    const input = await this.deps.validator.validate(body, now);
    if (input.kind === 'override') {
      return this.deps.overrides.plan(input, now, credentials);
    }
    await this.assertMayManage(credentials, input);
    return this.deps.writer.plan(
      input,
      now,
      this.deps.authorizer.requesterOf(credentials),
    );
  }

  async replace(
    id: string,
    body: unknown,
    credentials: UserCredentials,
  ): Promise<Schedule> {
    const existing = await requireSchedule(this.deps.store, id);
    await this.assertMayManage(credentials, existing);
    assertNotDeclared(existing);
    const now = this.deps.clock.now();
    const input = await this.deps.validator.validate(body, now);
    assertSameKind(existing, input);
    await this.assertMayManage(credentials, input);
    return this.deps.writer.replace(
      id,
      input,
      now,
      this.deps.authorizer.requesterOf(credentials),
    );
  }

  async delete(id: string, credentials: UserCredentials): Promise<void> {
    const existing = await requireSchedule(this.deps.store, id);
    await this.assertMayManage(credentials, existing);
    assertNotDeclared(existing);
    await this.deps.store.delete(id);
  }

  private assertMayManage(
    credentials: BackstageCredentials,
    ref: NamespaceRef,
  ) {
    return this.deps.authorizer.assertNamespace(
      credentials,
      scheduleManagePermission,
      ref,
    );
  }
}

function uniqueNamespaces(schedules: Schedule[]): NamespaceRef[] {
  const byKey = new Map(
    schedules.map(s => [
      formatNamespaceRef(s),
      { cluster: s.cluster, namespace: s.namespace },
    ]),
  );
  return [...byKey.values()];
}

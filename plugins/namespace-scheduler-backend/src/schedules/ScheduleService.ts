import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Activity,
  describeScheduleIssues,
  findWindowConflict,
  formatDateTime,
  parseDateTime,
  namespaceOperatePermission,
  namespaceReadPermission,
  nextTransition,
  OperationProgressEvent,
  OperationResult,
  PreviewTransition,
  previewTransitions,
  Schedule,
  ScheduleInput,
  ScheduleRun,
  scheduleManagePermission,
  validateScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import { NamespaceBusyError } from '../leases';
import { OperationService } from '../operations';
import { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import { executeRun } from './executeRun';
import { operationNow } from './operationNow';
import { ScheduleStore, SiblingCheck } from './ScheduleStore';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;
type NamespaceRef = { cluster: string; namespace: string };

const DAY_MS = 86_400_000;

export type RunNowOutcome = {
  schedule: Schedule;
  result: OperationResult;
  activity?: Activity;
};

type OverrideInput = Extract<ScheduleInput, { kind: 'override' }>;

/** Wake or sleep a namespace now and hold that state until a time. */
export type HoldRequest = {
  cluster: string;
  namespace: string;
  operation: OverrideInput['operation'];
  until: string;
  /** The IANA zone the override is shown in; default UTC. */
  zone?: string;
  costCenter: string;
  onProgress?: (event: OperationProgressEvent) => void;
  /** A wake: answer once the started workloads are ready, or after this long. */
  waitForReadySeconds?: number;
};

/** How a run now is watched: live progress, and the readiness wait of a wake. */
type LiveOptions = Pick<HoldRequest, 'onProgress' | 'waitForReadySeconds'>;

/** A hold's operation result, and the override holding it when it succeeded. */
export type HoldOutcome = Omit<RunNowOutcome, 'schedule'> & {
  schedule?: Schedule;
};

/** A schedule about to be created (no id) or replaced. */
export type ScheduleCandidate = {
  input: ScheduleInput;
  id?: string;
  /** The user saving it. */
  savedBy: string;
  at: Date;
};

/**
 * Governs schedule saves (cost centers, the off-hours limit): throws to
 * refuse the candidate, else runs `write` — serialized with other saves when
 * its check spans namespaces. Refused saves store nothing.
 */
export interface ScheduleSaveGuard {
  save<T>(candidate: ScheduleCandidate, write: () => Promise<T>): Promise<T>;
}

/**
 * Schedules as users see them: validated, checked for overlapping windows,
 * permission-checked per namespace (read, manage, and operate for what runs
 * at once), with identity from the credentials.
 */
export class ScheduleService {
  static create(options: {
    store: ScheduleStore;
    operations: Pick<OperationService, 'execute' | 'check'>;
    authorizer: NamespaceAuthorizer;
    catalog: Pick<NamespaceCatalog, 'claimOf'>;
    clusterNames: () => string[];
    saveGuards?: ScheduleSaveGuard[];
    clock?: Clock;
  }): ScheduleService {
    return new ScheduleService({
      ...options,
      saveGuards: options.saveGuards ?? [],
      clock: options.clock ?? systemClock,
    });
  }

  private constructor(
    private readonly deps: {
      store: ScheduleStore;
      operations: Pick<OperationService, 'execute' | 'check'>;
      authorizer: NamespaceAuthorizer;
      catalog: Pick<NamespaceCatalog, 'claimOf'>;
      clusterNames: () => string[];
      saveGuards: ScheduleSaveGuard[];
      clock: Clock;
    },
  ) {}

  async list(
    filter: Partial<NamespaceRef>,
    credentials: BackstageCredentials,
  ): Promise<Schedule[]> {
    const schedules = await this.deps.store.list(filter);
    const namespaces = uniqueNamespaces(schedules);
    const readable = await this.deps.authorizer.filter(
      credentials,
      namespaceReadPermission,
      namespaces,
    );
    const keys = new Set(readable.map(keyOf));
    return schedules.filter(schedule => keys.has(keyOf(schedule)));
  }

  async get(id: string, credentials: BackstageCredentials): Promise<Schedule> {
    const schedule = await this.require(id);
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
    const input = await this.validate(body, now);
    if (input.kind === 'override') {
      return (await this.createOverride(input, now, credentials)).schedule;
    }
    await this.assertMayManage(credentials, input);
    return this.insert(input, now, credentials);
  }

  /**
   * Wakes or sleeps a namespace now and holds it until `until`, in one
   * request: the override schedule is created and run at once. When the
   * operation fails the override is withdrawn (deleted, and the override it
   * replaced holds again), so no schedule holds a state the namespace never
   * reached; the failed activity is kept.
   */
  async hold(
    request: HoldRequest,
    credentials: UserCredentials,
  ): Promise<HoldOutcome> {
    const now = this.deps.clock.now();
    const zone = request.zone ?? 'UTC';
    const input = await this.validate(
      {
        kind: 'override',
        title: holdTitle(request.operation, request.until, zone),
        cluster: request.cluster,
        namespace: request.namespace,
        cost_center: request.costCenter,
        zone,
        operation: request.operation,
        until: request.until,
      },
      now,
    );
    // Validation keeps the kind it was given; this narrows the type.
    if (input.kind !== 'override') throw new Error('Expected an override');
    const outcome = await this.createOverride(input, now, credentials, {
      onProgress: request.onProgress,
      waitForReadySeconds: request.waitForReadySeconds,
    });
    if (outcome.result.success) return outcome;
    await this.withdraw(outcome.schedule);
    return { result: outcome.result, activity: outcome.activity };
  }

  /** Takes back an override that did not take hold, as if never created. */
  private withdraw(override: Schedule) {
    // From when it was replaced: a release that fell due meanwhile still runs.
    const replacedAt = Date.parse(override.created_at);
    return this.deps.store.withdrawOverride(override.id, schedule =>
      nextTransition(schedule, replacedAt),
    );
  }

  /** An override acts at once: saved, then run now. */
  private async createOverride(
    input: OverrideInput,
    now: Date,
    credentials: UserCredentials,
    live: LiveOptions = {},
  ): Promise<RunNowOutcome> {
    await this.assertMayManage(credentials, input);
    await this.assertMayHold(input, credentials);
    const schedule = await this.insert(input, now, credentials);
    try {
      return await this.run(schedule, now, credentials, live);
    } catch (error) {
      // Another operation took the namespace since the check: nothing ran.
      if (error instanceof NamespaceBusyError) await this.withdraw(schedule);
      throw error;
    }
  }

  /** Stores a new schedule through the save guards, refusing overlapping windows. */
  private insert(
    input: ScheduleInput,
    now: Date,
    credentials: UserCredentials,
  ): Promise<Schedule> {
    const createdBy = credentials.principal.userEntityRef;
    return this.governed({ input, savedBy: createdBy, at: now }, () =>
      this.deps.store.create(
        {
          input,
          createdBy,
          at: now,
          next: nextTransition(input, now.getTime()),
        },
        this.noOverlap(input, undefined, now),
      ),
    );
  }

  async replace(
    id: string,
    body: unknown,
    credentials: UserCredentials,
  ): Promise<Schedule> {
    const existing = await this.require(id);
    await this.assertMayManage(credentials, existing);
    const now = this.deps.clock.now();
    const input = await this.validate(body, now);
    assertSameKind(existing, input);
    await this.assertMayManage(credentials, input);
    const savedBy = credentials.principal.userEntityRef;
    return this.governed({ input, id, savedBy, at: now }, () =>
      this.deps.store.replace(
        id,
        { input, at: now, next: nextTransition(input, now.getTime()) },
        this.noOverlap(input, id, now),
      ),
    );
  }

  async delete(id: string, credentials: UserCredentials): Promise<void> {
    const existing = await this.require(id);
    await this.assertMayManage(credentials, existing);
    await this.deps.store.delete(id);
  }

  async runNow(
    id: string,
    credentials: UserCredentials,
  ): Promise<RunNowOutcome> {
    const schedule = await this.require(id);
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceOperatePermission,
      schedule,
    );
    return this.run(schedule, this.deps.clock.now(), credentials);
  }

  async preview(
    query: NamespaceRef & { days?: number; limit?: number },
    credentials: BackstageCredentials,
  ): Promise<PreviewTransition[]> {
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceReadPermission,
      query,
    );
    const from = this.deps.clock.now().getTime();
    return previewTransitions(await this.deps.store.list(query), {
      from,
      to: from + (query.days ?? 7) * DAY_MS,
      limit: query.limit ?? 50,
    });
  }

  /** A manual run: claimed in the run ledger, executed, recorded on the schedule. */
  private async run(
    schedule: Schedule,
    now: Date,
    credentials: UserCredentials,
    live: LiveOptions = {},
  ): Promise<RunNowOutcome> {
    const requestedBy = credentials.principal.userEntityRef;
    const transition = operationNow(schedule, now.getTime());
    const runId = await this.deps.store.claim({
      scheduleId: schedule.id,
      dueAt: now,
      trigger: 'manual',
      operation: transition.operation,
      claimedBy: requestedBy,
      claimedAt: now,
    });
    if (!runId)
      throw new ConflictError(`Schedule ${schedule.id} is already running now`);
    const { result, activity } = await executeRun(this.deps, {
      schedule,
      transition,
      runId,
      trigger: 'manual',
      requestedBy,
      ...live,
    });
    return { schedule: await this.require(schedule.id), result, activity };
  }

  /** Runs a write through every save guard, the first outermost. */
  private governed<T>(
    candidate: ScheduleCandidate,
    write: () => Promise<T>,
  ): Promise<T> {
    const guarded = this.deps.saveGuards.reduceRight(
      (next, guard) => () => guard.save(candidate, next),
      write,
    );
    return guarded();
  }

  /** An override acts at once: it needs the operate permission, and must not be refused. */
  private async assertMayHold(
    input: OverrideInput,
    credentials: UserCredentials,
  ) {
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceOperatePermission,
      input,
    );
    await this.deps.operations.check({
      cluster: input.cluster,
      namespace: input.namespace,
      operation: input.operation,
      costCenter: input.cost_center,
      requestedBy: credentials.principal.userEntityRef,
    });
  }

  /** The schedule, valid, on a configured cluster and a namespace some entity claims. */
  private async validate(body: unknown, now: Date): Promise<ScheduleInput> {
    const validation = validateScheduleInput(body, { now: now.getTime() });
    if (!validation.success) {
      throw new InputError(describeScheduleIssues(validation.issues));
    }
    const input = validation.schedule;
    const known = this.deps.clusterNames();
    if (!known.includes(input.cluster)) {
      throw new InputError(
        `cluster: unknown cluster "${input.cluster}" (configured: ${
          known.join(', ') || 'none'
        })`,
      );
    }
    if (!(await this.deps.catalog.claimOf(input))) {
      throw new InputError(
        `namespace: ${input.cluster}/${input.namespace} is not claimed by any catalog entity`,
      );
    }
    return input;
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

  /** Refuses a window overlapping or meeting another active window of the namespace. */
  private noOverlap(
    input: ScheduleInput,
    id: string | undefined,
    now: Date,
  ): SiblingCheck {
    return siblings => {
      const conflict = findWindowConflict(
        { ...input, id },
        siblings,
        now.getTime(),
      );
      if (conflict) {
        const { schedule, at } = conflict;
        throw new ConflictError(
          `The window overlaps ${schedule.kind} schedule "${schedule.title}" (${schedule.id}) ` +
            `of ${input.cluster}/${input.namespace} at ${formatDateTime(
              at,
              input.zone,
            )}`,
        );
      }
    };
  }

  private async require(id: string): Promise<Schedule> {
    const schedule = await this.deps.store.get(id);
    if (!schedule) throw new NotFoundError(`No schedule with id ${id}`);
    return schedule;
  }
}

function assertSameKind(existing: Schedule, input: ScheduleInput) {
  if (existing.kind !== input.kind) {
    throw new InputError(
      `kind: cannot change from ${existing.kind}; create a new schedule instead`,
    );
  }
  const moved =
    existing.cluster !== input.cluster ||
    existing.namespace !== input.namespace;
  if (
    existing.kind === 'override' &&
    input.kind === 'override' &&
    (moved || existing.operation !== input.operation)
  ) {
    throw new InputError(
      'operation: an override only changes its title, cost center and until; create a new one',
    );
  }
}

/** "Wake until 2026-11-23T18:00:00.000+01:00"; an unparsable `until` is refused by validation. */
function holdTitle(
  operation: HoldRequest['operation'],
  until: string,
  zone: string,
): string {
  const at = parseDateTime(until, zone);
  const label = operation === 'wake' ? 'Wake' : 'Sleep';
  return `${label} until ${
    Number.isNaN(at) ? until : formatDateTime(at, zone)
  }`;
}

function keyOf(ref: NamespaceRef): string {
  return `${ref.cluster}/${ref.namespace}`;
}

function uniqueNamespaces(schedules: Schedule[]): NamespaceRef[] {
  const byKey = new Map(
    schedules.map(s => [
      keyOf(s),
      { cluster: s.cluster, namespace: s.namespace },
    ]),
  );
  return [...byKey.values()];
}

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  namespaceOperatePermission,
  nextTransition,
  OperationAsk,
  overrideTitle,
  Schedule,
  ScheduleInput,
  scheduleManagePermission,
} from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import type { LiveOptions, ManualRuns, RunNowOutcome } from './ManualRuns';
import type { ScheduleStore } from './ScheduleStore';
import type { ScheduleValidator } from './ScheduleValidator';
import type { PlannedSchedule, ScheduleWriter } from './ScheduleWriter';

/** A user's, or those of a service acting as a catalog entity (ServiceCallers). */
type UserCredentials = BackstageCredentials;

export type OverrideInput = Extract<ScheduleInput, { kind: 'override' }>;

/** A wake or sleep of a namespace asked to hold until a time (`zone`: how it is shown; UTC by default). */
export type HoldAsk = { cluster: string; namespace: string } & Extract<
  OperationAsk,
  { operation: OverrideInput['operation'] }
> & { until: string };

/** A hold's operation result, and the override holding it when it succeeded. */
export type HoldOutcome = Omit<RunNowOutcome, 'schedule'> & {
  schedule?: Schedule;
};

type HoldsDeps = {
  validator: Pick<ScheduleValidator, 'validate'>;
  writer: Pick<ScheduleWriter, 'insert' | 'plan'>;
  runs: Pick<ManualRuns, 'run'>;
  store: Pick<ScheduleStore, 'withdrawOverride'>;
  authorizer: NamespaceAuthorizer;
  clock: Clock;
};

/**
 * Overrides: a wake or sleep that holds a namespace until a time. An
 * override acts at once — saved, then run now — and one that did not take
 * hold is withdrawn (deleted; the override it replaced holds again), so no
 * schedule holds a state the namespace never reached.
 */
export class OverrideHolds {
  static create(
    deps: Omit<HoldsDeps, 'clock'> & { clock?: Clock },
  ): OverrideHolds {
    return new OverrideHolds({ ...deps, clock: deps.clock ?? systemClock });
  }

  private constructor(private readonly deps: HoldsDeps) {}

  /**
   * Wakes or sleeps a namespace now and holds it until `until`, in one
   * request: the override schedule is created and run at once. When the
   * operation fails the override is withdrawn; the failed activity is kept.
   */
  async hold(
    request: HoldAsk,
    credentials: UserCredentials,
    live: Pick<LiveOptions, 'onProgress'> = {},
  ): Promise<HoldOutcome> {
    const now = this.deps.clock.now();
    const input = await this.validate(request, now);
    const outcome = await this.create(input, now, credentials, {
      ...live,
      waitForReadySeconds: request.waitForReadySeconds,
    });
    if (outcome.result.success) return outcome;
    await this.withdraw(outcome.schedule);
    return { result: outcome.result, activity: outcome.activity };
  }

  /** The override schedule a hold asks for, validated. */
  private async validate(request: HoldAsk, now: Date): Promise<OverrideInput> {
    const zone = request.zone ?? 'UTC';
    const input = await this.deps.validator.validate(
      {
        kind: 'override',
        title: overrideTitle({
          operation: request.operation,
          until: request.until,
          zone,
        }),
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
    return input;
  }

  /**
   * Saves a validated override and runs it now: it needs the manage and the
   * operate permission. A refused run (a guard, a busy namespace) withdraws it.
   */
  async create(
    input: OverrideInput,
    now: Date,
    credentials: UserCredentials,
    live: LiveOptions = {},
  ): Promise<RunNowOutcome> {
    await this.assertMayHold(input, credentials);
    const requestedBy = this.deps.authorizer.requesterOf(credentials);
    const schedule = await this.deps.writer.insert(input, now, requestedBy);
    try {
      return await this.deps.runs.run(schedule, now, requestedBy, live);
    } catch (error) {
      // Refused: nothing ran, so nothing holds.
      if (isRefusal(error)) await this.withdraw(schedule);
      throw error;
    }
  }

  /**
   * A dry run of `create`: the same permissions and save guards, the
   * override as it would be stored; nothing is saved or run.
   */
  async plan(
    input: OverrideInput,
    now: Date,
    credentials: UserCredentials,
  ): Promise<PlannedSchedule> {
    await this.assertMayHold(input, credentials);
    return this.deps.writer.plan(
      input,
      now,
      this.deps.authorizer.requesterOf(credentials),
    );
  }

  /** A dry run of `hold`: the override it would save, checked the same way. */
  async planHold(
    request: HoldAsk,
    credentials: UserCredentials,
  ): Promise<PlannedSchedule> {
    const now = this.deps.clock.now();
    return this.plan(await this.validate(request, now), now, credentials);
  }

  /** Overriding needs the manage and the operate permission. */
  private async assertMayHold(
    input: OverrideInput,
    credentials: UserCredentials,
  ) {
    const { authorizer } = this.deps;
    await authorizer.assertNamespace(
      credentials,
      scheduleManagePermission,
      input,
    );
    await authorizer.assertNamespace(
      credentials,
      namespaceOperatePermission,
      input,
    );
  }

  /** Takes back an override that did not take hold, as if never created. */
  private withdraw(override: Schedule) {
    // From when it was replaced: a release that fell due meanwhile still runs.
    const replacedAt = Date.parse(override.created_at);
    return this.deps.store.withdrawOverride(override.id, schedule =>
      nextTransition(schedule, replacedAt),
    );
  }
}

/** A guard's refusal (or a busy namespace): the operation never ran. */
function isRefusal(error: unknown): boolean {
  return error instanceof NotAllowedError || error instanceof ConflictError;
}

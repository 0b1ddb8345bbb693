import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  NamespaceState,
  NamespaceStatus,
  namespaceOperatePermission,
  namespaceReadPermission,
  OperationAsk,
  OperationProgressEvent,
  OperationResult,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  ManagedNamespaceRef,
  NamespaceCatalog,
} from '../catalog/NamespaceCatalog';
import { OperationService } from '../operations';
import { NamespaceAuthorizer, userRefOf } from '../permissions';
import { manualWhy } from '../reasons';
import type { OperationProgressPublisher } from '../progress';
import type { OverrideHolds, PlannedSchedule } from '../schedules';
import { NamespaceStatusReader } from './NamespaceStatusService';

/** A user's, or those of a service acting as a catalog entity (ServiceCallers). */
type UserCredentials = BackstageCredentials;

/** How the API request runs: live progress on its channel, and its log correlation id. */
export type RunOptions = {
  /** Client-generated (a UUID): each workload's step is signalled live on its channel. */
  progressId?: string;
  /** The API request's correlation id, carried into the operation's log lines. */
  correlationId?: string;
};

/** Runs one operation and records its activity (the OperationService). */
export type OperationExecutor = Pick<OperationService, 'execute'>;

/** Creates and runs (or, in a dry run, plans) the override schedule of a wake or sleep "until" a time. */
export type OverrideHolder = Pick<OverrideHolds, 'hold' | 'planHold'>;

export type ManualOperationOutcome = {
  result: OperationResult;
  activityId?: string;
  /** The override holding the state, when `until` was asked for and the operation succeeded. */
  schedule?: Schedule;
  /** A dry run with `until`: the override it would save. */
  plannedSchedule?: PlannedSchedule;
  /** A dry run's namespace state before the planned operation. */
  state?: NamespaceState;
};

type ExecuteContext = {
  onProgress?: (event: OperationProgressEvent) => void;
  correlationId?: string;
};

type ActionsDeps = {
  catalog: NamespaceCatalog;
  authorizer: NamespaceAuthorizer;
  statusReader: NamespaceStatusReader;
  executor: OperationExecutor;
  overrides: OverrideHolder;
  progress: Pick<OperationProgressPublisher, 'listener'>;
};

/**
 * What a user does to one namespace from the portal: read its state, or run
 * an operation on it. Only claimed namespaces are managed; the identity comes
 * from the caller's credentials, never from the request body.
 */
export class NamespaceActionsService {
  static create(options: ActionsDeps) {
    return new NamespaceActionsService(options);
  }

  private constructor(private readonly deps: ActionsDeps) {}

  async status(
    ref: ManagedNamespaceRef,
    credentials: BackstageCredentials,
  ): Promise<NamespaceStatus> {
    await this.assertManaged(ref);
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceReadPermission,
      ref,
    );
    return this.deps.statusReader.status(ref.cluster, ref.namespace);
  }

  /**
   * Runs the operation. With a `progressId` (client-generated) each
   * workload's step is sent live as a signal to the requesting user; every
   * signal is out before this resolves, so the final result comes last.
   */
  async run(
    ref: ManagedNamespaceRef,
    ask: OperationAsk,
    credentials: UserCredentials,
    options: RunOptions = {},
  ): Promise<ManualOperationOutcome> {
    await this.assertManaged(ref);
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceOperatePermission,
      ref,
    );
    // Progress is signalled to a signed-in user; a service waits for the result.
    const user = userRefOf(credentials);
    const listener =
      options.progressId && user
        ? this.deps.progress.listener(options.progressId, user)
        : undefined;
    try {
      return await this.execute(ref, ask, credentials, {
        onProgress: listener?.onProgress,
        correlationId: options.correlationId,
      });
    } finally {
      await listener?.flush();
    }
  }

  private async execute(
    ref: ManagedNamespaceRef,
    ask: OperationAsk,
    credentials: UserCredentials,
    context: ExecuteContext,
  ): Promise<ManualOperationOutcome> {
    const { until, zone, ...request } = ask;
    if (ask.dryRun) return this.plan(ref, ask, credentials, context);
    if (until !== undefined && ask.operation !== 'scale') {
      const held = await this.deps.overrides.hold(
        { ...ref, ...ask, until },
        credentials,
        context,
      );
      return {
        result: held.result,
        activityId: held.activity?.id,
        schedule: held.schedule,
      };
    }
    const requestedBy = this.deps.authorizer.requesterOf(credentials);
    const { result, activity } = await this.deps.executor.execute({
      ...ref,
      ...request,
      ...context,
      requestedBy,
      userId: requestedBy,
      ...manualWhy(request, requestedBy),
    });
    return { result, activityId: activity?.id };
  }

  /**
   * A dry run: the operation's guards and the engine's plan, the override an
   * `until` would save (checked, not saved), and the state it starts from.
   */
  private async plan(
    ref: ManagedNamespaceRef,
    ask: OperationAsk,
    credentials: UserCredentials,
    context: ExecuteContext,
  ): Promise<ManualOperationOutcome> {
    const { until, zone, ...request } = ask;
    const plannedSchedule =
      until !== undefined && ask.operation !== 'scale'
        ? await this.deps.overrides.planHold(
            { ...ref, ...ask, until },
            credentials,
          )
        : undefined;
    const requestedBy = this.deps.authorizer.requesterOf(credentials);
    const { result } = await this.deps.executor.execute({
      ...ref,
      ...request,
      ...context,
      requestedBy,
      userId: requestedBy,
      ...manualWhy(request, requestedBy),
    });
    const { state } = await this.deps.statusReader.status(
      ref.cluster,
      ref.namespace,
    );
    return { result, state, ...(plannedSchedule && { plannedSchedule }) };
  }

  private async assertManaged(ref: ManagedNamespaceRef) {
    if (!(await this.deps.catalog.claimOf(ref))) {
      throw new NotFoundError(
        `Namespace ${ref.namespace} on cluster ${ref.cluster} is not claimed by any catalog entity`,
      );
    }
  }
}

import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  NamespaceStatus,
  namespaceOperatePermission,
  namespaceReadPermission,
  OperationProgressEvent,
  OperationResult,
  OperationType,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  ManagedNamespaceRef,
  NamespaceCatalog,
} from '../catalog/NamespaceCatalog';
import { OperationService } from '../operations';
import { NamespaceAuthorizer } from '../permissions';
import type { OperationProgressPublisher } from '../progress';
import type { ScheduleService } from '../schedules';
import { NamespaceStatusReader } from './NamespaceStatusService';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** Runs one operation and records its activity (the OperationService). */
export type OperationExecutor = Pick<OperationService, 'execute'>;

/** Creates and runs the override schedule of a wake or sleep "until" a time. */
export type OverrideHolder = Pick<ScheduleService, 'hold'>;

/** A manual sleep/wake/scale as asked through the API. */
export type ManualOperation = {
  operation: OperationType;
  replicas?: number;
  dryRun?: boolean;
  /** Wake or scale up: answer once the started workloads are ready, or after this long. */
  waitForReadySeconds?: number;
  costCenter: string;
  /** Sleep or wake only: hold the new state until then (an override schedule). */
  until?: string;
  /** The IANA zone the override is shown in. */
  zone?: string;
  /** The API request's correlation id, carried into the operation's log lines. */
  correlationId?: string;
};

export type ManualOperationOutcome = {
  result: OperationResult;
  activityId?: string;
  /** The override holding the state, when `until` was asked for and the operation succeeded. */
  schedule?: Schedule;
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
   * Runs the operation. With an `operationId` (client-generated) each
   * workload's step is sent live as a signal to the requesting user; every
   * signal is out before this resolves, so the final result comes last.
   */
  async run(
    ref: ManagedNamespaceRef,
    operation: ManualOperation,
    credentials: UserCredentials,
    options: { operationId?: string } = {},
  ): Promise<ManualOperationOutcome> {
    await this.assertManaged(ref);
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceOperatePermission,
      ref,
    );
    const requestedBy = credentials.principal.userEntityRef;
    const listener = options.operationId
      ? this.deps.progress.listener(options.operationId, requestedBy)
      : undefined;
    try {
      return await this.execute(
        ref,
        operation,
        credentials,
        listener?.onProgress,
      );
    } finally {
      await listener?.flush();
    }
  }

  private async execute(
    ref: ManagedNamespaceRef,
    operation: ManualOperation,
    credentials: UserCredentials,
    onProgress?: (event: OperationProgressEvent) => void,
  ): Promise<ManualOperationOutcome> {
    const { until, zone, ...request } = operation;
    if (
      until !== undefined &&
      !request.dryRun &&
      request.operation !== 'scale'
    ) {
      const held = await this.deps.overrides.hold(
        {
          ...ref,
          ...request,
          operation: request.operation,
          until,
          zone,
          onProgress,
        },
        credentials,
      );
      return {
        result: held.result,
        activityId: held.activity?.id,
        schedule: held.schedule,
      };
    }
    const requestedBy = credentials.principal.userEntityRef;
    const { result, activity } = await this.deps.executor.execute({
      ...ref,
      ...request,
      requestedBy,
      userId: requestedBy,
      onProgress,
    });
    return { result, activityId: activity?.id };
  }

  private async assertManaged(ref: ManagedNamespaceRef) {
    if (!(await this.deps.catalog.claimOf(ref))) {
      throw new NotFoundError(
        `Namespace ${ref.namespace} on cluster ${ref.cluster} is not claimed by any catalog entity`,
      );
    }
  }
}

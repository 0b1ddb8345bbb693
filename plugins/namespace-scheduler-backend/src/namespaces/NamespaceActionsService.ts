import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  NamespaceStatus,
  namespaceOperatePermission,
  namespaceReadPermission,
  OperationResult,
  OperationType,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  ManagedNamespaceRef,
  NamespaceCatalog,
} from '../catalog/NamespaceCatalog';
import { OperationService } from '../operations';
import { NamespaceAuthorizer } from '../permissions';
import { NamespaceStatusReader } from './NamespaceStatusService';

/** Runs one operation and records its activity (the OperationService). */
export type OperationExecutor = Pick<OperationService, 'execute'>;

/** A manual sleep/wake/scale as asked through the API. */
export type ManualOperation = {
  operation: OperationType;
  replicas?: number;
  dryRun?: boolean;
  costCenter: string;
};

/**
 * What a user does to one namespace from the portal: read its state, or run
 * an operation on it. Only claimed namespaces are managed; the identity comes
 * from the caller's credentials, never from the request body.
 */
export class NamespaceActionsService {
  static create(options: {
    catalog: NamespaceCatalog;
    authorizer: NamespaceAuthorizer;
    statusReader: NamespaceStatusReader;
    executor: OperationExecutor;
  }) {
    return new NamespaceActionsService(options);
  }

  private constructor(
    private readonly deps: {
      catalog: NamespaceCatalog;
      authorizer: NamespaceAuthorizer;
      statusReader: NamespaceStatusReader;
      executor: OperationExecutor;
    },
  ) {}

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

  async run(
    ref: ManagedNamespaceRef,
    operation: ManualOperation,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<{ result: OperationResult; activityId?: string }> {
    await this.assertManaged(ref);
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceOperatePermission,
      ref,
    );
    const requestedBy = credentials.principal.userEntityRef;
    const { result, activity } = await this.deps.executor.execute({
      ...ref,
      ...operation,
      requestedBy,
      userId: requestedBy,
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

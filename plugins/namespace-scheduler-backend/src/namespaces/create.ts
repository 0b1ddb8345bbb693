import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { NamespaceCatalog } from '../catalog/NamespaceCatalog';
import type { LeaseStatus } from '../leases';
import type { NamespaceAuthorizer } from '../permissions';
import { OperationProgressPublisher } from '../progress';
import {
  NamespaceActionsService,
  OperationExecutor,
  OverrideHolder,
} from './NamespaceActionsService';
import {
  NamespaceStatusReader,
  NamespaceStatusService,
} from './NamespaceStatusService';

/**
 * What users see of and do to namespaces: `status` (live state of the
 * namespaces they may read) and `actions` (one namespace's state, and
 * operations on it, with progress signalled live), each state annotated
 * with the operation holding the namespace.
 */
export function createNamespaces(deps: {
  catalog: NamespaceCatalog;
  authorizer: NamespaceAuthorizer;
  statusReader: NamespaceStatusReader;
  leases: Pick<LeaseStatus, 'annotate' | 'wrap'>;
  operations: OperationExecutor;
  overrides: OverrideHolder;
  signals: SignalsService;
  logger: LoggerService;
}) {
  const { catalog, authorizer, statusReader, leases } = deps;
  return {
    status: NamespaceStatusService.create({
      catalog,
      authorizer,
      statusReader,
      leases,
    }),
    actions: NamespaceActionsService.create({
      catalog,
      authorizer,
      statusReader: leases.wrap(statusReader),
      executor: deps.operations,
      overrides: deps.overrides,
      progress: OperationProgressPublisher.create(deps),
    }),
  };
}

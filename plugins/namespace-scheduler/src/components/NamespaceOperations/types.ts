import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';

/** An operation the user asked for on one namespace. */
export type OperationTarget = NamespaceLocator & { operation: OperationType };

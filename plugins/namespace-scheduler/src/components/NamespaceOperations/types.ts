import { OperationType } from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceLocator } from '../../api';

/**
 * An operation the user asked for on one namespace; `until` prefills the
 * form's "until" (a `datetime-local` value in the display zone), as a
 * keep-awake link does.
 */
export type OperationTarget = NamespaceLocator & {
  operation: OperationType;
  until?: string;
};

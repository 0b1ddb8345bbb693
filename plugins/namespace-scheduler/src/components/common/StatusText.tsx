import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { ReactNode } from 'react';

const STATUSES = {
  ok: StatusOK,
  pending: StatusPending,
  running: StatusRunning,
  warning: StatusWarning,
  error: StatusError,
  aborted: StatusAborted,
};

/**
 * Backstage's status label with its text left readable: the stock component
 * hides it from assistive technology and announces only "Status ok".
 */
export const StatusText = ({
  status,
  children,
}: {
  status: keyof typeof STATUSES;
  children: ReactNode;
}) => {
  const Status = STATUSES[status];
  return (
    <Status aria-hidden={false} aria-label={undefined}>
      {children}
    </Status>
  );
};

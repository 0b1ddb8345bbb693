import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  formatNamespaceRef,
  type OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceClaim } from '../catalog/NamespaceCatalog';
import { entityPath } from './links';
import type {
  OperationListener,
  OperationOutcomeEvent,
} from '../operations/OperationListener';

export const NOTIFICATION_TOPIC = 'namespace-scheduler';

/** Who claims a namespace (the catalog). */
export type ClaimLookup = {
  claimOf(ref: {
    cluster: string;
    namespace: string;
  }): Promise<NamespaceClaim | undefined>;
};

/**
 * Tells the teams owning a namespace when an operation on it failed, manual
 * or scheduled: they may be paying for a namespace that did not sleep, or
 * waiting for one that did not wake. A rollback that left workloads changed
 * is `high`: someone has to look at the cluster.
 */
export class OperationNotifier implements OperationListener {
  readonly name = 'notifications';

  static create(options: {
    notifications: NotificationService;
    claims: ClaimLookup;
  }): OperationNotifier {
    return new OperationNotifier(options.notifications, options.claims);
  }

  private constructor(
    private readonly notifications: NotificationService,
    private readonly claims: ClaimLookup,
  ) {}

  async onOutcome(event: OperationOutcomeEvent): Promise<void> {
    if (event.result.success) return;
    const { cluster, namespace } = event.request;
    const claim = await this.claims.claimOf({ cluster, namespace });
    if (!claim || claim.ownerRefs.length === 0) {
      event.logger.warn(
        `No owner to notify of the failed ${
          event.request.operation
        } of ${formatNamespaceRef(event.request)}`,
      );
      return;
    }
    await this.notifications.send({
      recipients: { type: 'entity', entityRef: claim.ownerRefs },
      payload: payloadOf(event, claim),
    });
  }
}

function payloadOf(
  event: OperationOutcomeEvent,
  claim: NamespaceClaim,
): NotificationPayload {
  const { request, result } = event;
  const where = formatNamespaceRef(request);
  const stuck = result.rollback_failed_count > 0;
  return {
    title: `${capitalize(request.operation)} of ${where} ${
      stuck ? 'failed and could not be rolled back' : 'failed'
    }`,
    description: describe(event, result),
    severity: stuck ? 'high' : 'normal',
    topic: NOTIFICATION_TOPIC,
    // One notification per namespace: a newer failure replaces the older one.
    scope: `namespace-scheduler:${where}`,
    ...(claim.entityRefs[0] && { link: entityPath(claim.entityRefs[0]) }),
  };
}

function describe(event: OperationOutcomeEvent, result: OperationResult) {
  const { request } = event;
  // Why it ran names the schedule, override or person; an id nobody reads is the last resort.
  const who =
    request.reason ??
    (request.scheduleId
      ? `Schedule ${request.scheduleId}`
      : `Requested by ${request.requestedBy}`);
  const errors = result.errors.length ? ` ${result.errors.join('; ')}` : '';
  return `${who}, cost center ${request.costCenter}.${describeRollback(
    result,
  )}${errors} (operation ${event.operationId})`;
}

function describeRollback(result: OperationResult): string {
  if (!result.rollback_performed) return '';
  const stuck = result.rollback_failed_count;
  const rolledBack = ` Rolled back ${result.rollback_success_count} workload(s)`;
  return stuck
    ? `${rolledBack}, ${stuck} could not be rolled back.`
    : `${rolledBack}.`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

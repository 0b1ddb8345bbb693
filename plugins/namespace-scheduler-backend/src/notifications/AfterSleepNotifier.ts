import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  formatNamespaceRef,
  putsToSleep,
} from '@namespace-scheduler/backstage-plugin-common';
import { ClaimLookup, NOTIFICATION_TOPIC } from './OperationNotifier';
import type {
  OperationListener,
  OperationOutcomeEvent,
} from '../operations/OperationListener';
import { tabLink } from './links';

/** Who acts automatically: the runner and the off-hours boundary. */
const AUTOMATIC = 'scheduler';

/**
 * Tells a namespace's owners that it was put to sleep automatically — by a
 * schedule, an override's end or the off-hours boundary — and why, so a team
 * that finds it asleep knows what to change. A user's own sleep, and a
 * sleep of a namespace already asleep, are not told; a failed one is
 * OperationNotifier's.
 */
export class AfterSleepNotifier implements OperationListener {
  readonly name = 'after-sleep notifications';

  static create(options: {
    notifications: Pick<NotificationService, 'send'>;
    claims: ClaimLookup;
  }): AfterSleepNotifier {
    return new AfterSleepNotifier(options.notifications, options.claims);
  }

  private constructor(
    private readonly notifications: Pick<NotificationService, 'send'>,
    private readonly claims: ClaimLookup,
  ) {}

  async onOutcome(event: OperationOutcomeEvent): Promise<void> {
    const { request, result, activity } = event;
    if (!result.success || request.requestedBy !== AUTOMATIC) return;
    // Nothing changed (it was asleep already): nothing to tell.
    if (!putsToSleep(request) || result.total_scaled === 0) return;
    const claim = await this.claims.claimOf(request);
    if (!claim || claim.ownerRefs.length === 0) return;
    const where = formatNamespaceRef(request);
    const [entityRef] = claim.entityRefs;
    await this.notifications.send({
      recipients: { type: 'entity', entityRef: claim.ownerRefs },
      payload: {
        title: `${where} was put to sleep`,
        description: `${activity.reason ?? 'By the scheduler'}. Cost center ${
          request.costCenter
        }. Wake it from its Namespace schedule tab.`,
        severity: 'low',
        topic: NOTIFICATION_TOPIC,
        scope: `namespace-scheduler:after-sleep:${where}`,
        ...(entityRef && { link: tabLink(entityRef, request) }),
      },
    });
  }
}

import { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  formatInstantLabel,
  formatNamespaceRef,
  sameNamespace,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import type {
  NamespaceCatalog,
  NamespaceClaim,
} from '../catalog/NamespaceCatalog';
import type { NamespaceStatusReader } from '../namespaces/NamespaceStatusService';
import { keepAwakeLink, NOTIFICATION_TOPIC } from '../notifications';
import type { OffHoursSlotStore } from '../offHours/OffHoursSlotStore';
import { describeScope, OffHoursRules, scopeKey } from '../offHours/rules';
import type { ScheduleStore } from '../schedules';
import { Clock } from '../time/Clock';
import { nextAutomaticSleep, UpcomingSleep } from './nextAutomaticSleep';
import { SleepNoticeStore } from './SleepNoticeStore';

/** Notices of sleeps due longer ago than this are forgotten. */
const KEEP_NOTICES_MS = 24 * 60 * 60_000;

type Deps = {
  schedules: Pick<ScheduleStore, 'list'>;
  claims: Pick<NamespaceCatalog, 'allClaims'>;
  status: NamespaceStatusReader;
  rules: OffHoursRules;
  slots: Pick<OffHoursSlotStore, 'holders'>;
  notices: SleepNoticeStore;
  notifications: Pick<NotificationService, 'send'>;
  logger: LoggerService;
  clock: Clock;
  instanceId: string;
  /** How long before a sleep its owners are told; 0: never. */
  leadMinutes: number;
};

/** A namespace told of its coming sleep. */
export type SleepNotice = UpcomingSleep & {
  cluster: string;
  namespace: string;
};

/**
 * Tells a namespace's owners, `leadMinutes` ahead, that it is about to be put
 * to sleep automatically — by a schedule, or by the off-hours boundary
 * because it holds no slot — with why and a link that opens the tab's "keep
 * awake until…" dialog. Each (namespace, due time) is told once across
 * backend instances: a notice row is claimed before sending.
 */
export class BeforeSleepNotifier {
  static create(deps: Deps): BeforeSleepNotifier {
    return new BeforeSleepNotifier(deps);
  }

  private constructor(private readonly deps: Deps) {}

  /** One pass over the claimed namespaces; the notices this instance sent. */
  async tick(): Promise<SleepNotice[]> {
    const { leadMinutes, clock, notices } = this.deps;
    if (leadMinutes === 0) return [];
    const now = clock.now();
    await notices.purgeBefore(new Date(now.getTime() - KEEP_NOTICES_MS));
    const [schedules, claims, slotHolders] = await Promise.all([
      this.deps.schedules.list(),
      this.deps.claims.allClaims(),
      this.currentSlotHolders(now.getTime()),
    ]);
    const sent: SleepNotice[] = [];
    for (const claim of claims) {
      try {
        const notice = await this.noticeFor(claim, {
          own: schedules.filter(s => sameNamespace(s, claim)),
          holdsSlot: slotHolders.some(h => sameNamespace(h, claim)),
          now,
        });
        if (notice) sent.push(notice);
      } catch (error) {
        this.deps.logger.warn(
          `Before-sleep notice of ${formatNamespaceRef(claim)} failed: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
    }
    return sent;
  }

  private async currentSlotHolders(now: number) {
    const period = this.deps.rules.hours.offHoursAt(now);
    return period ? this.deps.slots.holders(period.start) : [];
  }

  private async noticeFor(
    claim: NamespaceClaim,
    context: { own: Schedule[]; holdsSlot: boolean; now: Date },
  ): Promise<SleepNotice | undefined> {
    const { rules, leadMinutes } = this.deps;
    const from = context.now.getTime();
    const sleep = nextAutomaticSleep({
      schedules: context.own,
      from,
      // A sleep exactly `leadMinutes` ahead is told on this tick.
      to: from + leadMinutes * 60_000 + 1,
      offHours: {
        hours: rules.hours.spec,
        limit: rules.limit,
        scope: describeScope(scopeKey(rules, claim.cluster)),
      },
      holdsSlot: context.holdsSlot,
    });
    if (!sleep || claim.ownerRefs.length === 0) return undefined;
    // Only now the live state: most namespaces have no sleep due.
    const { state } = await this.deps.status.status(
      claim.cluster,
      claim.namespace,
    );
    if (state !== 'awake' && state !== 'partial') return undefined;
    const claimed = await this.deps.notices.claim({
      cluster: claim.cluster,
      namespace: claim.namespace,
      dueAt: new Date(sleep.at),
      claimedBy: this.deps.instanceId,
      claimedAt: context.now,
    });
    if (!claimed) return undefined;
    await this.send(claim, sleep);
    return { ...sleep, cluster: claim.cluster, namespace: claim.namespace };
  }

  private async send(claim: NamespaceClaim, sleep: UpcomingSleep) {
    const where = formatNamespaceRef(claim);
    const when = formatInstantLabel(sleep.at, this.deps.rules.hours.spec.time_zone);
    const [entityRef] = claim.entityRefs;
    await this.deps.notifications.send({
      recipients: { type: 'entity', entityRef: claim.ownerRefs },
      payload: {
        title: `${where} will be put to sleep at ${when}`,
        description:
          `${sleep.why.reason}. Keep it awake until a later time from its ` +
          'Namespace schedule tab (during off-hours this takes an off-hours ' +
          'slot, if one is free).',
        severity: 'normal',
        topic: NOTIFICATION_TOPIC,
        // A later notice of the namespace replaces this one.
        scope: `namespace-scheduler:before-sleep:${where}`,
        ...(entityRef && {
          link: keepAwakeLink(entityRef, claim, sleep.at),
        }),
      },
    });
  }
}

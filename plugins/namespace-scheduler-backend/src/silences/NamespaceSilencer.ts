import {
  awakeIntervals,
  formatNamespaceRef,
  putsToSleep,
  type ScheduleEntry,
} from '@namespace-scheduler/backstage-plugin-common';
import type {
  OperationListener,
  OperationOutcomeEvent,
} from '../operations/OperationListener';
import { Clock, systemClock } from '../time/Clock';
import type { AlertmanagerClient } from './AlertmanagerClient';
import type { AlertmanagerSettings, MatcherTemplate } from './config';
import type { KnexSilenceStore } from './SilenceStore';

type NamespaceRef = { cluster: string; namespace: string };

/** The namespace's schedules (the schedule store). */
export type ScheduleLookup = {
  list(filter: NamespaceRef): Promise<ScheduleEntry[]>;
};

/**
 * Mutes a namespace's alerts while it sleeps: a successful sleep creates an
 * Alertmanager silence lasting until its next planned wake (at most
 * `maxDuration`), a successful wake expires it. Alertmanager being down never
 * fails an operation: the failure is logged and the operation stands.
 */
export class NamespaceSilencer implements OperationListener {
  readonly name = 'alertmanager-silences';

  static create(options: {
    settings: AlertmanagerSettings;
    client: AlertmanagerClient;
    store: KnexSilenceStore;
    schedules: ScheduleLookup;
    clock?: Clock;
  }): NamespaceSilencer {
    return new NamespaceSilencer({
      ...options,
      clock: options.clock ?? systemClock,
    });
  }

  private constructor(
    private readonly deps: {
      settings: AlertmanagerSettings;
      client: AlertmanagerClient;
      store: KnexSilenceStore;
      schedules: ScheduleLookup;
      clock: Clock;
    },
  ) {}

  async onOutcome(event: OperationOutcomeEvent): Promise<void> {
    if (!event.result.success) return;
    const { cluster, namespace } = event.request;
    const sleeps = putsToSleep(event.request);
    const ref = { cluster, namespace };
    try {
      await (sleeps ? this.silence(ref) : this.unsilence(ref));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      event.logger.warn(
        `Alertmanager silence of ${formatNamespaceRef(ref)} not ${
          sleeps ? 'created' : 'expired'
        }: ${message}`,
      );
    }
  }

  private async silence(ref: NamespaceRef) {
    const now = this.deps.clock.now();
    const endsAt = await this.nextWake(ref, now);
    // A namespace slept twice keeps one silence: the newer one.
    await this.unsilence(ref);
    const silenceId = await this.deps.client.createSilence({
      matchers: this.deps.settings.matchers.map(m => fill(m, ref)),
      startsAt: now,
      endsAt,
      createdBy: this.deps.settings.createdBy,
      comment: `Namespace ${formatNamespaceRef(
        ref,
      )} is asleep (Namespace Scheduler); expires when it wakes`,
    });
    await this.deps.store.put({ ...ref, silenceId, endsAt }, now);
  }

  private async unsilence(ref: NamespaceRef) {
    const stored = await this.deps.store.get(ref);
    if (!stored) return;
    await this.deps.client.expireSilence(stored.silenceId);
    await this.deps.store.remove(ref, stored.silenceId);
  }

  /** The next wake the namespace's schedules plan, or `maxDuration` from now. */
  private async nextWake(ref: NamespaceRef, now: Date): Promise<Date> {
    const from = now.getTime();
    const latest = from + this.deps.settings.maxDurationMs;
    const intervals = awakeIntervals(
      await this.deps.schedules.list(ref),
      from,
      latest,
    );
    const wake = intervals.find(interval => interval.start > from);
    return new Date(wake?.start ?? latest);
  }
}

function fill(matcher: MatcherTemplate, ref: NamespaceRef) {
  return {
    ...matcher,
    value: matcher.value
      .replaceAll('{{cluster}}', ref.cluster)
      .replaceAll('{{namespace}}', ref.namespace),
  };
}

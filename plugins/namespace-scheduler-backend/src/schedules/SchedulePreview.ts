import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  namespaceReadPermission,
  PreviewTransition,
  previewTransitions,
} from '@namespace-scheduler/backstage-plugin-common';
import type { NamespaceAuthorizer } from '../permissions';
import { Clock, systemClock } from '../time/Clock';
import type { ScheduleStore } from './ScheduleStore';

const DAY_MS = 86_400_000;

type PreviewDeps = {
  store: Pick<ScheduleStore, 'list'>;
  authorizer: NamespaceAuthorizer;
  clock: Clock;
};

/** What a namespace's schedules will do in the coming days, for readers of the namespace. */
export class SchedulePreview {
  static create(
    deps: Omit<PreviewDeps, 'clock'> & { clock?: Clock },
  ): SchedulePreview {
    return new SchedulePreview({ ...deps, clock: deps.clock ?? systemClock });
  }

  private constructor(private readonly deps: PreviewDeps) {}

  /** The next transitions from now: `days` ahead (7), `limit` at most (50). */
  async preview(
    query: {
      cluster: string;
      namespace: string;
      days?: number;
      limit?: number;
    },
    credentials: BackstageCredentials,
  ): Promise<PreviewTransition[]> {
    await this.deps.authorizer.assertNamespace(
      credentials,
      namespaceReadPermission,
      query,
    );
    const from = this.deps.clock.now().getTime();
    return previewTransitions(await this.deps.store.list(query), {
      from,
      to: from + (query.days ?? 7) * DAY_MS,
      limit: query.limit ?? 50,
    });
  }
}

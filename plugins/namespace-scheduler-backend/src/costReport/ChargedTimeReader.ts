import { InputError } from '@backstage/errors';
import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import {
  ActivityStore,
  MAX_ACTIVITY_PAGE,
} from '@namespace-scheduler/backstage-plugin-node';
import { NamespaceStatusReader } from '../namespaces/NamespaceStatusService';
import { NamespaceRequests, namespaceRequests } from './namespaceRequests';

/** A report reads at most this many records (200 pages); beyond, it asks for a shorter range. */
const MAX_RECORDS = 200 * MAX_ACTIVITY_PAGE;

type NamespaceRef = { cluster: string; namespace: string };

/**
 * What pricing a namespace's time reads: its live requests and its
 * succeeded records (the admin report's and the entity tab's cost alike).
 */
export class ChargedTimeReader {
  static create(deps: {
    activities: ActivityStore;
    statusReader: NamespaceStatusReader;
  }) {
    return new ChargedTimeReader(deps.activities, deps.statusReader);
  }

  private constructor(
    private readonly activities: ActivityStore,
    private readonly statusReader: NamespaceStatusReader,
  ) {}

  async requestsOf(
    ref: NamespaceRef,
  ): Promise<NamespaceRequests | { error: string }> {
    const status = await this.statusReader.status(ref.cluster, ref.namespace);
    return status.state === 'unknown'
      ? { error: status.error ?? 'the namespace could not be read' }
      : namespaceRequests(status);
  }

  /** The namespace's state at `from`: its last succeeded record before. */
  async lastBefore(
    ref: NamespaceRef,
    from: Date,
  ): Promise<Activity | undefined> {
    const page = await this.activities.list({
      ...ref,
      outcome: 'succeeded',
      to: from,
      limit: 1,
    });
    return page.items[0];
  }

  /** The succeeded records that started in [from, to), of one namespace or all. */
  async succeededRecords(
    query: { from: Date; to: Date } & Partial<NamespaceRef>,
  ): Promise<Activity[]> {
    const records: Activity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.activities.list({
        ...query,
        outcome: 'succeeded',
        limit: MAX_ACTIVITY_PAGE,
        cursor,
      });
      records.push(...page.items);
      cursor = page.next_cursor;
      if (records.length > MAX_RECORDS) {
        throw new InputError(
          `from: more than ${MAX_RECORDS} operations in the range; choose a shorter one`,
        );
      }
    } while (cursor);
    return records;
  }
}

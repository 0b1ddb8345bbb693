import { ActivityPage } from '@namespace-scheduler/backstage-plugin-common';
import { activity } from '../../__testUtils__';
import {
  CSV_EXPORT_CAP,
  CSV_HEADER,
  fetchAllActivities,
  toCsv,
} from './activityCsv';

describe('toCsv', () => {
  it('writes a header and one quoted-as-needed row per activity', () => {
    const csv = toCsv([
      activity('a1', {
        cost_center: 'CC "main", EU',
        requested_by: '=cmd()',
        source: 'manual',
        reason: 'Manual sleep by guest',
      }),
    ]);
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(CSV_HEADER);
    expect(row).toBe(
      '2026-11-21T19:00:00Z,2026-11-21T19:00:02Z,sandbox,shop-dev,sleep,,succeeded,completed,0,"CC ""main"", EU",\'=cmd(),,user:default/guest,,manual,Manual sleep by guest,6,0,false,',
    );
    expect(end).toBe('');
  });
});

describe('fetchAllActivities', () => {
  it('reads every page of the query', async () => {
    const cursors: Array<string | undefined> = [];
    const pages: Record<string, ActivityPage> = {
      first: { items: [activity('a2')], next_cursor: 'c2' },
      c2: { items: [activity('a1')] },
    };
    const result = await fetchAllActivities(
      {
        listActivities: async query => {
          cursors.push(query.cursor);
          return pages[query.cursor ?? 'first'];
        },
      },
      { costCenter: 'CC-1001' },
    );
    expect(result.items.map(a => a.id)).toEqual(['a2', 'a1']);
    expect(result.truncated).toBe(false);
    expect(cursors).toEqual([undefined, 'c2']);
  });

  it('stops at the cap and says so', async () => {
    const page = Array.from({ length: 500 }, (_, i) => activity(`a${i}`));
    const result = await fetchAllActivities(
      { listActivities: async () => ({ items: page, next_cursor: 'more' }) },
      {},
    );
    expect(result.items).toHaveLength(CSV_EXPORT_CAP);
    expect(result.truncated).toBe(true);
  });
});

import { TestDatabases } from '@backstage/backend-test-utils';
import { ScheduleEntry } from '@namespace-scheduler/backstage-plugin-common';
import { ManualClock } from '../__testUtils__/clock';
import { outcomeEvent } from '../__testUtils__/outcomeEvent';
import { migrateUp } from '../database/migrations';
import { AlertmanagerClient } from './AlertmanagerClient';
import { DEFAULT_MATCHERS } from './config';
import { startFakeAlertmanager } from './__testUtils__/fakeAlertmanager';
import { NamespaceSilencer } from './NamespaceSilencer';
import { KnexSilenceStore } from './SilenceStore';

jest.setTimeout(30_000);

const NOW = '2026-11-24T20:00:00.000Z';
const HOUR = 3_600_000;

const WINDOW: ScheduleEntry = {
  id: 'w1',
  title: 'Tomorrow',
  status: 'active',
  created_at: '2026-11-20T00:00:00Z',
  kind: 'window',
  zone: 'UTC',
  start: '2026-11-25T07:00',
  end: '2026-11-25T20:00',
};

describe('NamespaceSilencer', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let alertmanager: Awaited<ReturnType<typeof startFakeAlertmanager>>;
  let schedules: ScheduleEntry[];

  beforeEach(async () => {
    alertmanager = await startFakeAlertmanager();
    schedules = [];
  });
  afterEach(() => alertmanager.close());

  async function createSilencer(url = alertmanager.url) {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    const store = KnexSilenceStore.create({ knex });
    const silencer = NamespaceSilencer.create({
      settings: {
        url,
        matchers: DEFAULT_MATCHERS,
        maxDurationMs: 24 * HOUR,
        timeoutMs: 1_000,
        createdBy: 'namespace-scheduler',
      },
      client: AlertmanagerClient.create({ url, timeoutMs: 1_000 }),
      store,
      schedules: { list: async () => schedules },
      clock: new ManualClock(NOW),
    });
    return { silencer, store };
  }

  it('silences a sleeping namespace until its next planned wake, and expires the silence on wake', async () => {
    schedules = [WINDOW];
    const { silencer, store } = await createSilencer();

    await silencer.onOutcome(outcomeEvent('sleep'));
    expect(alertmanager.requests).toEqual([
      {
        method: 'POST',
        url: '/api/v2/silences',
        body: {
          matchers: [
            { name: 'namespace', value: 'shop', isRegex: false, isEqual: true },
          ],
          startsAt: NOW,
          endsAt: '2026-11-25T07:00:00.000Z',
          createdBy: 'namespace-scheduler',
          comment: expect.stringContaining('prod/shop is asleep'),
        },
      },
    ]);
    expect(
      (await store.get({ cluster: 'prod', namespace: 'shop' }))?.silenceId,
    ).toBe('sil-1');

    await silencer.onOutcome(outcomeEvent('wake'));
    expect(alertmanager.requests[1]).toMatchObject({
      method: 'DELETE',
      url: '/api/v2/silence/sil-1',
    });
    expect(
      await store.get({ cluster: 'prod', namespace: 'shop' }),
    ).toBeUndefined();
  });

  it('lasts at most maxDuration when no schedule wakes the namespace', async () => {
    const { silencer } = await createSilencer();
    await silencer.onOutcome(outcomeEvent({ operation: 'scale', replicas: 0 }));
    expect(alertmanager.requests[0].body).toMatchObject({
      endsAt: new Date(Date.parse(NOW) + 24 * HOUR).toISOString(),
    });
  });

  it('replaces the silence of a namespace slept twice', async () => {
    const { silencer, store } = await createSilencer();
    await silencer.onOutcome(outcomeEvent('sleep'));
    await silencer.onOutcome(outcomeEvent('sleep'));
    expect(alertmanager.requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v2/silences',
      'DELETE /api/v2/silence/sil-1',
      'POST /api/v2/silences',
    ]);
    expect(
      (await store.get({ cluster: 'prod', namespace: 'shop' }))?.silenceId,
    ).toBe('sil-2');
  });

  it('leaves failed operations alone', async () => {
    const { silencer } = await createSilencer();
    await silencer.onOutcome(outcomeEvent('sleep', { errors: ['boom'] }));
    expect(alertmanager.requests).toEqual([]);
  });

  it('logs, and never throws, when Alertmanager refuses or is unreachable', async () => {
    alertmanager.fail(500);
    const { silencer } = await createSilencer();
    const refused = outcomeEvent('sleep');
    await expect(silencer.onOutcome(refused)).resolves.toBeUndefined();
    expect(refused.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /silence of prod\/shop not created: .*answered 500/,
      ),
    );

    await alertmanager.close();
    const unreachable = outcomeEvent('sleep');
    await expect(silencer.onOutcome(unreachable)).resolves.toBeUndefined();
    expect(unreachable.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('silence of prod/shop not created'),
    );
  });
});

import { mapNamespaceAnnotations, mapWorkloadAnnotations } from './downscaler';
import { mapSleepInfo } from './kubeGreen';

const NOW = Date.parse('2026-12-03T12:00:00Z');

describe('kube-downscaler namespace annotations', () => {
  const map = (annotations: Record<string, string>) =>
    mapNamespaceAnnotations(annotations, NOW);

  it('maps an uptime to a weekly window, each comma-separated range its own', () => {
    const { proposed, notes } = map({
      'downscaler/uptime':
        'Mon-Fri 07:30-20:30 Europe/Berlin, Sat-Sun 10:00-14:00 UTC',
    });
    expect(proposed).toEqual([
      {
        title: 'kube-downscaler uptime Mon-Fri 07:30-20:30 Europe/Berlin',
        kind: 'weekly',
        zone: 'Europe/Berlin',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        from: '07:30',
        to: '20:30',
      },
      expect.objectContaining({
        days: ['sat', 'sun'],
        from: '10:00',
        to: '14:00',
        zone: 'UTC',
      }),
    ]);
    expect(notes).toEqual([]);
  });

  it('maps an absolute uptime range to a one-off window, and drops one that is over', () => {
    expect(
      map({
        'downscaler/uptime':
          '2027-04-01T08:00:00+02:00-2027-04-02T20:00:00+02:00',
      }).proposed,
    ).toEqual([
      expect.objectContaining({
        kind: 'window',
        zone: 'UTC',
        start: '2027-04-01T06:00:00.000Z',
        end: '2027-04-02T18:00:00.000Z',
      }),
    ]);
    const over = map({
      'downscaler/uptime':
        '2019-04-01T08:00:00+00:00-2019-04-02T20:00:00+00:00',
    });
    expect(over.proposed).toEqual([]);
    expect(over.notes[0]).toMatch(/it is over/);
  });

  it('says why always and never import nothing', () => {
    expect(map({ 'downscaler/uptime': 'always' })).toEqual({
      proposed: [],
      notes: [expect.stringMatching(/always awake/)],
    });
    expect(map({ 'downscaler/uptime': 'never' }).notes[0]).toMatch(
      /always asleep/,
    );
    expect(map({ 'downscaler/downtime': 'never' }).notes[0]).toMatch(
      /always awake/,
    );
  });

  it('maps a downtime to a sleep at its start and a wake at its end, the wake a day later overnight', () => {
    expect(
      map({ 'downscaler/downtime': 'Mon-Fri 20:00-06:00 Europe/Madrid' })
        .proposed,
    ).toEqual([
      expect.objectContaining({
        kind: 'cron',
        cron: '0 20 * * 1-5',
        operation: 'sleep',
        zone: 'Europe/Madrid',
      }),
      expect.objectContaining({
        kind: 'cron',
        cron: '0 6 * * 2-6',
        operation: 'wake',
      }),
    ]);
    expect(
      map({ 'downscaler/downtime': 'Sat-Sun 00:00-24:00 UTC' }).proposed,
    ).toEqual([
      expect.objectContaining({ cron: '0 0 * * 0,6', operation: 'sleep' }),
      expect.objectContaining({ cron: '0 0 * * 0-1', operation: 'wake' }),
    ]);
  });

  it('scales instead of sleeping with downtime-replicas, and says what differs', () => {
    const downtime = map({
      'downscaler/downtime': 'Fri-Mon 18:00-08:00 UTC',
      'downscaler/downtime-replicas': '1',
    });
    expect(downtime.proposed).toEqual([
      expect.objectContaining({
        cron: '0 18 * * 0-1,5-6',
        operation: 'scale',
        replicas: 1,
      }),
      expect.objectContaining({ cron: '0 8 * * 0-2,6', operation: 'wake' }),
    ]);
    expect(downtime.notes[0]).toMatch(
      /scale to 1 instead of a sleep.*CronJobs/,
    );
    const uptime = map({
      'downscaler/uptime': 'Mon-Fri 08:00-18:00 UTC',
      'downscaler/downtime-replicas': '2',
    });
    expect(uptime.proposed).toEqual([
      expect.objectContaining({ cron: '0 8 * * 1-5', operation: 'wake' }),
      expect.objectContaining({
        cron: '0 18 * * 1-5',
        operation: 'scale',
        replicas: 2,
      }),
    ]);
  });

  it('turns bad values into notes, not errors', () => {
    const { proposed, notes } = map({
      'downscaler/uptime':
        'Mon-Fri 07:30-25:00 Europe/Berlin, Mon-Fri 08:00-18:00 Mars/Olympus, weekdays',
      'downscaler/downtime-replicas': 'two',
    });
    expect(proposed).toEqual([]);
    expect(notes).toEqual([
      expect.stringMatching(/"two" is not a replica count/),
      expect.stringMatching(/"07:30-25:00" is not a time range/),
      expect.stringMatching(/"Mars\/Olympus" is not an IANA time zone/),
      expect.stringMatching(/"weekdays" not imported: expected/),
    ]);
  });

  it('maps uptime only when downtime is set too, and notes exclude, exclude-until and force-uptime', () => {
    const { proposed, notes } = map({
      'downscaler/uptime': 'Mon-Fri 08:00-18:00 UTC',
      'downscaler/downtime': 'Sat-Sun 00:00-24:00 UTC',
      'downscaler/exclude': 'true',
      'downscaler/exclude-until': '2026-12-31',
      'downscaler/force-uptime': 'true',
    });
    expect(proposed).toHaveLength(1);
    expect(notes).toEqual([
      expect.stringMatching(/downtime is ignored/),
      expect.stringMatching(/exclude on the namespace/),
      expect.stringMatching(/exclude-until \(2026-12-31\) does not map/),
      expect.stringMatching(/force-uptime \(true\) does not map: use Wake/),
    ]);
  });
});

describe('kube-downscaler workload annotations', () => {
  it('maps none: per-workload schedules, exclude already honoured', () => {
    expect(
      mapWorkloadAnnotations('Deployment', {
        'downscaler/uptime': 'Mon-Fri 08:00-18:00 UTC',
        'downscaler/exclude': 'true',
      }),
    ).toEqual({
      proposed: [],
      notes: [
        expect.stringMatching(
          /downscaler\/uptime on a Deployment does not map/,
        ),
        expect.stringMatching(/already honoured/),
      ],
    });
  });
});

describe('kube-green SleepInfo', () => {
  const base = { suspendCronJobs: true };

  it('is a weekly window when it wakes before it sleeps on the same days', () => {
    expect(
      mapSleepInfo('working-hours', {
        ...base,
        weekdays: '1-5',
        sleepAt: '20:00',
        wakeUpAt: '08:00',
        timeZone: 'Europe/Rome',
      }),
    ).toEqual({
      proposed: [
        {
          title: 'kube-green SleepInfo working-hours',
          kind: 'weekly',
          zone: 'Europe/Rome',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          from: '08:00',
          to: '20:00',
        },
      ],
      notes: [],
    });
  });

  it('is a sleep and a wake otherwise, every day for "*", in UTC without a zone', () => {
    expect(
      mapSleepInfo('night', {
        ...base,
        weekdays: '*',
        sleepAt: '01:00',
        wakeUpAt: '05:30',
      }).proposed,
    ).toEqual([
      expect.objectContaining({
        cron: '0 1 * * *',
        operation: 'sleep',
        zone: 'UTC',
      }),
      expect.objectContaining({ cron: '30 5 * * *', operation: 'wake' }),
    ]);
  });

  it('is only a sleep without wakeUpAt', () => {
    const { proposed, notes } = mapSleepInfo('off', {
      ...base,
      weekdays: '0,6,7',
      sleepAt: '19:00',
    });
    expect(proposed).toEqual([
      expect.objectContaining({ cron: '0 19 * * 0,6', operation: 'sleep' }),
    ]);
    expect(notes).toEqual([expect.stringMatching(/No wakeUpAt/)]);
  });

  it('notes excludeRef, includeRef, patches and what it would not suspend', () => {
    const { notes } = mapSleepInfo('x', {
      weekdays: '1-5',
      sleepAt: '20:00',
      wakeUpAt: '08:00',
      excludeRef: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
        { matchLabels: { app: 'db' } },
      ],
      includeRef: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }],
      patches: [{ target: { kind: 'Ingress' } }],
      suspendDeployments: false,
      suspendStatefulSets: false,
    });
    expect(notes).toEqual([
      expect.stringMatching(
        /excludeRef \(Deployment api; labels app=db\) does not map/,
      ),
      expect.stringMatching(/includeRef \(Deployment web\) does not map/),
      expect.stringMatching(/patches do not map/),
      expect.stringMatching(/suspendDeployments: false/),
      expect.stringMatching(/suspendStatefulSets: false/),
      expect.stringMatching(/suspendCronJobs is not true/),
    ]);
  });

  it('turns bad values into a note, not an error', () => {
    expect(
      mapSleepInfo('bad', { ...base, weekdays: 'Mon-Fri', sleepAt: '20:00' })
        .notes[0],
    ).toMatch(/^Not imported: weekdays "Mon-Fri"/);
    expect(
      mapSleepInfo('bad', { ...base, weekdays: '1-5', sleepAt: '8pm' })
        .notes[0],
    ).toMatch(/sleepAt "8pm"/);
    expect(
      mapSleepInfo('bad', {
        ...base,
        weekdays: '1-5',
        sleepAt: '20:00',
        wakeUpAt: '8',
        timeZone: 'X',
      }).proposed,
    ).toEqual([]);
    expect(
      mapSleepInfo('bad', {
        ...base,
        weekdays: '1-5',
        sleepAt: '20:00',
        timeZone: 'Nowhere/City',
      }).notes[0],
    ).toMatch(/timeZone "Nowhere\/City"/);
  });
});

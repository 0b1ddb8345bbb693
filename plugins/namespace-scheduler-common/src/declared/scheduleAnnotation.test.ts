import fc from 'fast-check';
import { WEEKDAYS } from '../schedule/types';
import {
  formatDeclaredSchedule,
  parseScheduleAnnotation,
} from './scheduleAnnotation';
import { DeclaredSchedule } from './types';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

function problems(value: string): string[] {
  return parseScheduleAnnotation(value).problems.map(p => p.message);
}

function only(value: string): DeclaredSchedule {
  const parse = parseScheduleAnnotation(value);
  expect(parse.problems).toEqual([]);
  expect(parse.schedules).toHaveLength(1);
  return parse.schedules[0];
}

describe('parseScheduleAnnotation', () => {
  it('reads the examples of the grammar', () => {
    expect(only('Mon-Fri 08:00-19:00 Europe/Madrid')).toEqual({
      text: 'Mon-Fri 08:00-19:00 Europe/Madrid',
      timing: {
        kind: 'weekly',
        zone: 'Europe/Madrid',
        days: weekdays,
        from: '08:00',
        to: '19:00',
      },
    });
    expect(
      only(
        'sandbox/shop-staging: Mon-Fri 07:00-20:00 UTC except 2026-12-24,holidays:spain charge CC-1001',
      ),
    ).toEqual({
      text: 'sandbox/shop-staging: Mon-Fri 07:00-20:00 UTC except 2026-12-24,holidays:spain charge CC-1001',
      target: 'sandbox/shop-staging',
      timing: {
        kind: 'weekly',
        zone: 'UTC',
        days: weekdays,
        from: '07:00',
        to: '20:00',
        except_dates: ['2026-12-24'],
      },
      holidays: 'spain',
      cost_center: 'CC-1001',
    });
  });

  it("reads kube-downscaler's uptime format as it is", () => {
    expect(only('Mon-Fri 07:30-20:30 Europe/Berlin').timing).toMatchObject({
      days: weekdays,
      from: '07:30',
      to: '20:30',
      zone: 'Europe/Berlin',
    });
  });

  it('reads day lists, ranges, wrapping ranges and the whole week', () => {
    const days = (text: string) => only(`${text} 08:00-12:00 UTC`).timing.days;
    expect(days('Mon,Wed,Fri')).toEqual(['mon', 'wed', 'fri']);
    expect(days('Sat-Sun')).toEqual(['sat', 'sun']);
    expect(days('Mon-Sun')).toEqual(WEEKDAYS);
    expect(days('Fri-Mon')).toEqual(['mon', 'fri', 'sat', 'sun']);
    expect(days('Wed,Mon-Tue,Mon')).toEqual(['mon', 'tue', 'wed']);
  });

  it('ignores case in days, zones and keywords, and spaces after commas', () => {
    expect(
      only(
        'shop-dev: mon-FRI 08:00-19:00 europe/madrid EXCEPT 2026-12-25, HOLIDAYS:spain Charge CC-1',
      ),
    ).toEqual({
      text: 'shop-dev: mon-FRI 08:00-19:00 europe/madrid EXCEPT 2026-12-25, HOLIDAYS:spain Charge CC-1',
      target: 'shop-dev',
      timing: {
        kind: 'weekly',
        zone: 'Europe/Madrid',
        days: weekdays,
        from: '08:00',
        to: '19:00',
        except_dates: ['2026-12-25'],
      },
      holidays: 'spain',
      cost_center: 'CC-1',
    });
  });

  it('runs overnight when the end is not after the start, and reads 24:00 as the end of the day', () => {
    expect(only('Fri 22:00-06:00 UTC').timing).toMatchObject({
      from: '22:00',
      to: '06:00',
    });
    expect(only('Mon-Fri 18:00-24:00 UTC').timing).toMatchObject({
      from: '18:00',
      to: '00:00',
    });
    expect(only('Sat-Sun 00:00-24:00 UTC').timing).toMatchObject({
      from: '00:00',
      to: '00:00',
    });
  });

  it('splits entries by semicolons and newlines, skipping empty ones', () => {
    const parse = parseScheduleAnnotation(
      'shop-dev: Mon-Fri 08:00-19:00 UTC; shop-staging: Mon-Fri 07:00-20:00 UTC\n\n  Sat 10:00-14:00 UTC ;',
    );
    expect(parse.problems).toEqual([]);
    expect(parse.schedules.map(s => s.text)).toEqual([
      'shop-dev: Mon-Fri 08:00-19:00 UTC',
      'shop-staging: Mon-Fri 07:00-20:00 UTC',
      'Sat 10:00-14:00 UTC',
    ]);
    expect(parseScheduleAnnotation(' ;\n')).toEqual({
      schedules: [],
      problems: [],
    });
  });

  it('keeps the good entries and reports each bad one by its text', () => {
    const parse = parseScheduleAnnotation(
      'Mon-Fri 08:00-19:00 UTC; Mon-Fry 08:00-19:00 UTC',
    );
    expect(parse.schedules.map(s => s.text)).toEqual([
      'Mon-Fri 08:00-19:00 UTC',
    ]);
    expect(parse.problems).toEqual([
      {
        entry: 'Mon-Fry 08:00-19:00 UTC',
        message: "'Mon-Fry 08:00-19:00 UTC': unknown day 'Fry'",
      },
    ]);
  });

  it.each([
    ['Mon-Fri 08:00-19:00', "expected '[namespace: ]days HH:mm-HH:mm zone'"],
    ['shop-dev: Mon-Fri', "expected '[namespace: ]days HH:mm-HH:mm zone'"],
    ['Mon-Fry 08:00-19:00 UTC', "unknown day 'Fry'"],
    ['Monday 08:00-19:00 UTC', "unknown day 'Monday'"],
    ['Mon-Wed-Fri 08:00-19:00 UTC', "unknown day 'Mon-Wed-Fri'"],
    ['Mon- 08:00-19:00 UTC', "unknown day 'Mon-'"],
    ['Mon,,Fri 08:00-19:00 UTC', "unknown day 'Mon,,Fri'"],
    ['Mon-Fri 08:00 UTC', "times '08:00' must be HH:mm-HH:mm"],
    ['Mon-Fri 8:00-19:00 UTC', "start time '8:00' must be a HH:mm time"],
    ['Mon-Fri 24:00-19:00 UTC', "start time '24:00' must be a HH:mm time"],
    ['Mon-Fri 08:00-25:00 UTC', "end time '25:00' must be a HH:mm time"],
    ['Mon-Fri 08:00-19:60 UTC', "end time '19:60' must be a HH:mm time"],
    ['Mon-Fri 08:00-19:00 Mars/Base', "unknown time zone 'Mars/Base'"],
    [
      'Bad_NS: Mon-Fri 08:00-19:00 UTC',
      "target 'Bad_NS' is not a [cluster/]namespace",
    ],
    [
      'a/b/c: Mon-Fri 08:00-19:00 UTC',
      "target 'a/b/c' is not a [cluster/]namespace",
    ],
    [
      'Mon-Fri 08:00-19:00 UTC except 2026-13-01',
      "except '2026-13-01' is not a calendar date",
    ],
    [
      'Mon-Fri 08:00-19:00 UTC except 24/12/2026',
      "except '24/12/2026' must be a YYYY-MM-DD date",
    ],
    [
      'Mon-Fri 08:00-19:00 UTC except',
      "'except' needs YYYY-MM-DD dates or holidays:<name>",
    ],
    [
      'Mon-Fri 08:00-19:00 UTC except holidays:a,holidays:b',
      "one holiday calendar per entry, not 'a' and 'b'",
    ],
    ['Mon-Fri 08:00-19:00 UTC charge', "'charge' needs a cost center"],
    [`Mon-Fri 08:00-19:00 UTC charge ${'C'.repeat(101)}`, "charge 'CCCC"],
    ['Mon-Fri 08:00-19:00 UTC charge A charge B', "'charge' is given twice"],
    [
      'Mon-Fri 08:00-19:00 UTC weekdays',
      "unexpected 'weekdays' after the time zone",
    ],
  ])('reports %j: %s', (value, message) => {
    const [problem, ...more] = problems(value);
    expect(more).toEqual([]);
    expect(problem).toContain(`'${value}': ${message}`);
  });

  it('reports every wrong part of an entry', () => {
    expect(problems('Mon-Fry 08:00-25:00 Mars/Base')).toEqual([
      "'Mon-Fry 08:00-25:00 Mars/Base': unknown day 'Fry'",
      "'Mon-Fry 08:00-25:00 Mars/Base': unknown time zone 'Mars/Base'",
      "'Mon-Fry 08:00-25:00 Mars/Base': end time '25:00' must be a HH:mm time from 00:00 to 23:59 (or 24:00)",
    ]);
  });
});

describe('formatDeclaredSchedule', () => {
  it('writes the canonical text: ranges, 24:00, dates before the calendar', () => {
    expect(
      formatDeclaredSchedule({
        target: 'sandbox/shop-dev',
        timing: {
          kind: 'weekly',
          zone: 'Europe/Madrid',
          days: ['mon', 'tue', 'wed', 'fri', 'sun'],
          from: '18:00',
          to: '00:00',
          except_dates: ['2026-12-24', '2026-12-31'],
        },
        holidays: 'spain',
        cost_center: 'CC-1001',
      }),
    ).toBe(
      'sandbox/shop-dev: Mon-Wed,Fri,Sun 18:00-24:00 Europe/Madrid except 2026-12-24,2026-12-31,holidays:spain charge CC-1001',
    );
  });

  it('parses back to the same schedule', () => {
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${pad(h)}:${pad(m)}`);
    const date = fc
      .date({
        min: new Date('2026-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map(d => d.toISOString().slice(0, 10));
    const name = fc.constantFrom('shop-dev', 'a', 'team-1-staging');
    const schedule = fc.record(
      {
        target: fc.oneof(
          name,
          name.map(n => `sandbox/${n}`),
        ),
        timing: fc.record(
          {
            kind: fc.constant('weekly' as const),
            zone: fc.constantFrom('UTC', 'Europe/Madrid', 'America/New_York'),
            days: fc
              .subarray([...WEEKDAYS], { minLength: 1 })
              .map(days => WEEKDAYS.filter(d => days.includes(d))),
            from: time,
            to: time,
            except_dates: fc
              .uniqueArray(date, { minLength: 1, maxLength: 4 })
              .map(dates => dates.sort()),
          },
          { requiredKeys: ['kind', 'zone', 'days', 'from', 'to'] },
        ),
        holidays: fc.constantFrom('spain', 'Company_2027'),
        cost_center: fc.constantFrom('CC-1001', 'ops'),
      },
      { requiredKeys: ['timing'] },
    );
    fc.assert(
      fc.property(schedule, s => {
        const text = formatDeclaredSchedule(s);
        expect(parseScheduleAnnotation(text)).toEqual({
          schedules: [{ ...s, text }],
          problems: [],
        });
      }),
    );
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

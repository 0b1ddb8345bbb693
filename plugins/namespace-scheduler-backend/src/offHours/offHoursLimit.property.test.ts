import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import fc from 'fast-check';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { FakeDirectory, governedInstance } from '../__testUtils__/governance';
import { BusinessHours } from './BusinessHours';
import { DEFAULT_BUSINESS_HOURS } from './config';
import { requestFrom } from '../__testUtils__/operationRequest';

jest.setTimeout(60_000);

const LIMIT = 2;
const NAMESPACES = ['a', 'b', 'c', 'd', 'e'];
const directory = new FakeDirectory(
  Object.fromEntries(NAMESPACES.map(ns => [`sandbox/${ns}`, ['CC-1']])),
);
const hours = BusinessHours.create(DEFAULT_BUSINESS_HOURS);
/** Shortly before the end of business hours (a weekday, a Friday), in the night, before they start (Madrid). */
const STARTS = [
  '2026-11-23T18:30:00Z',
  '2026-11-27T18:45:00Z',
  '2026-11-23T22:00:00Z',
  '2026-11-24T05:30:00Z',
];
/** The runner ticks every minute; ticking this often is enough to meet every boundary and due run. */
const TICK_EVERY_MINUTES = 30;

const namespace = fc.constantFrom(...NAMESPACES);
const instance = fc.constantFrom(0, 1);
const operate = fc.record({
  kind: fc.constant('operate' as const),
  instance,
  namespace,
  operation: fc.constantFrom(
    'wake' as const,
    'wake' as const,
    'sleep' as const,
    'scale' as const,
  ),
  replicas: fc.integer({ min: 0, max: 2 }),
});
const step = fc.oneof(
  { arbitrary: operate, weight: 4 },
  fc.record({
    kind: fc.constant('weekly' as const),
    instance,
    namespace,
    from: fc.integer({ min: 0, max: 23 }),
    hours: fc.integer({ min: 1, max: 10 }),
  }),
  fc.record({
    kind: fc.constant('override' as const),
    instance,
    namespace,
    operation: fc.constantFrom('wake' as const, 'sleep' as const),
    untilMinutes: fc.integer({ min: 10, max: 600 }),
  }),
  fc.record({
    kind: fc.constant('advance' as const),
    minutes: fc.integer({ min: 1, max: 180 }),
  }),
);

const pad = (n: number) => String(n % 24).padStart(2, '0');

describe('off-hours limit: never more than N managed namespaces awake', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('holds over random requests, schedules and clock times on two instances', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...STARTS),
        fc.subarray(NAMESPACES),
        fc.array(step, { maxLength: 25 }),
        async (start, initiallyAwake, steps) => {
          const knex = await databases.init('SQLITE_3');
          await migrateUp(knex);
          const clock = new ManualClock(start);
          const a = governedInstance({
            knex,
            clock,
            directory,
            limit: LIMIT,
            instanceId: 'a',
          });
          const b = governedInstance({
            knex,
            clock,
            directory,
            limit: LIMIT,
            instanceId: 'b',
            engine: a.engine,
          });
          const instances = [a, b];
          initiallyAwake.forEach(ns => a.engine.awake.add(`sandbox/${ns}`));
          // The portal's scheduler ticks the runner as the backend starts.
          await Promise.all(instances.map(i => i.tick()));
          const user = mockCredentials.user('user:default/alice');
          const refusedOnlyByTheLimit = (error: unknown) => {
            if (!(error instanceof ConflictError)) throw error;
          };

          for (const s of steps) {
            if (s.kind === 'advance') {
              for (let left = s.minutes; left > 0; left -= TICK_EVERY_MINUTES) {
                clock.advanceMinutes(Math.min(left, TICK_EVERY_MINUTES));
                await Promise.all(instances.map(i => i.tick()));
              }
            } else if (s.kind === 'operate') {
              await instances[s.instance].operations
                .execute(
                  requestFrom({
                    cluster: 'sandbox',
                    namespace: s.namespace,
                    operation: s.operation,
                    replicas: s.replicas,
                    costCenter: 'CC-1',
                    requestedBy: 'user:default/alice',
                  }),
                )
                .catch(refusedOnlyByTheLimit);
            } else {
              const target = {
                title: s.kind,
                cluster: 'sandbox',
                namespace: s.namespace,
                cost_center: 'CC-1',
                zone: 'Europe/Madrid',
              };
              const body =
                s.kind === 'weekly'
                  ? {
                      ...target,
                      kind: 'weekly',
                      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
                      from: `${pad(s.from)}:00`,
                      to: `${pad(s.from + s.hours)}:00`,
                    }
                  : {
                      ...target,
                      kind: 'override',
                      operation: s.operation,
                      until: new Date(
                        clock.now().getTime() + s.untilMinutes * 60_000,
                      ).toISOString(),
                    };
              // Overlapping windows of one namespace are refused too (409).
              await instances[s.instance].schedules
                .create(body, user)
                .catch(refusedOnlyByTheLimit);
            }
            const offHours = hours.offHoursAt(clock.now().getTime());
            expect(offHours ? a.engine.awake.size : 0).toBeLessThanOrEqual(
              LIMIT,
            );
            const slots = await knex('ns_off_hours_slots')
              .count({ n: '*' })
              .groupBy('period_start');
            slots.forEach(row =>
              expect(Number(row.n)).toBeLessThanOrEqual(LIMIT),
            );
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

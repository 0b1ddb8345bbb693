import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import fc from 'fast-check';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { FakeDirectory, governedInstance } from '../__testUtils__/governance';

jest.setTimeout(600_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const TEAM_A = 'group:default/team-a';
const NAMESPACE_COST_CENTERS: Record<string, string[]> = {
  'sandbox/shop': ['CC-1', 'CC-2'],
  'sandbox/ledger': ['CC-2', 'CC-3'],
};
const directory = new FakeDirectory(NAMESPACE_COST_CENTERS, { [ALICE]: [TEAM_A] });

type Permission = { authorized: boolean; groups: string[] };

/** The rule the guards must apply, evaluated on the test's own record of permissions. */
function chargeable(permissions: Map<string, Permission>, namespace: string, costCenter: string, user: string) {
  const valid = NAMESPACE_COST_CENTERS[`sandbox/${namespace}`].includes(costCenter);
  const permission = permissions.get(costCenter);
  const member = !permission?.groups.length || (user === ALICE && permission.groups.includes(TEAM_A));
  return valid && Boolean(permission?.authorized) && member;
}

const costCenter = fc.constantFrom('CC-1', 'CC-2', 'CC-3', 'CC-404');
const namespace = fc.constantFrom('shop', 'ledger');
const user = fc.constantFrom(ALICE, BOB);
const step = fc.oneof(
  fc.record({
    kind: fc.constant('operate' as const),
    namespace,
    costCenter,
    user,
    operation: fc.constantFrom('wake' as const, 'sleep' as const, 'scale' as const),
  }),
  fc.record({
    kind: fc.constant('permission' as const),
    costCenter,
    authorized: fc.boolean(),
    groups: fc.constantFrom([], [TEAM_A]),
  }),
  fc.record({
    kind: fc.constant('schedule' as const),
    namespace,
    costCenter,
    user,
    operation: fc.constantFrom('wake' as const, 'sleep' as const),
    minute: fc.integer({ min: 0, max: 59 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 240 }) }),
);

describe('seed 000 property 2: every operation is charged to a valid, authorized cost center', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('holds over random requests, permission changes, scheduled runs and clock times', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), fc.integer({ min: 0, max: 167 }), async (steps, startHour) => {
        const knex = await databases.init('SQLITE_3');
        await migrateUp(knex);
        const clock = new ManualClock(Date.parse('2026-11-23T00:00:00Z') + startHour * 3_600_000);
        // No off-hours limit in the way: this property is about cost centers.
        const instance = governedInstance({ knex, clock, directory, limit: 100, defaultAuthorized: false });
        const permissions = new Map<string, Permission>();
        const seen = new Set<string>();

        for (const s of steps) {
          if (s.kind === 'operate') {
            const outcome = instance.operations.execute({
              cluster: 'sandbox',
              namespace: s.namespace,
              operation: s.operation,
              ...(s.operation === 'scale' && { replicas: 1 }),
              costCenter: s.costCenter,
              requestedBy: s.user,
            });
            if (chargeable(permissions, s.namespace, s.costCenter, s.user)) await outcome;
            else await expect(outcome).rejects.toThrow(new RegExp(`^Cost center ${s.costCenter} `));
          } else if (s.kind === 'permission') {
            await instance.costCenters.setPermission(
              s.costCenter,
              { is_authorized: s.authorized, allowed_groups: s.groups },
              mockCredentials.user('user:default/carol'),
            );
            permissions.set(s.costCenter, { authorized: s.authorized, groups: s.groups });
          } else if (s.kind === 'schedule') {
            const saved = instance.schedules.create(
              { kind: 'cron', title: 'cron', cluster: 'sandbox', namespace: s.namespace, cost_center: s.costCenter, zone: 'UTC', cron: `${s.minute} * * * *`, operation: s.operation },
              mockCredentials.user(s.user),
            );
            if (chargeable(permissions, s.namespace, s.costCenter, s.user)) await saved;
            else await expect(saved).rejects.toThrow(NotAllowedError);
          } else {
            clock.advanceMinutes(s.minutes);
            await instance.tick();
          }
          // Whatever ran since the last step — manual or scheduled — was chargeable now.
          const { items } = await instance.activities.list({ limit: 500 });
          for (const activity of items.filter(a => !seen.has(a.id))) {
            seen.add(activity.id);
            expect(chargeable(permissions, activity.namespace, activity.cost_center, activity.user_id ?? '')).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

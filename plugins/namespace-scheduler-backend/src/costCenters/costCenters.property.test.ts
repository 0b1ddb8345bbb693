import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { Knex } from 'knex';
import { migrateUp } from '../database/migrations';
import { ManualClock } from '../__testUtils__/clock';
import { FakeDirectory, governedInstance } from '../__testUtils__/governance';
import { requestFrom } from '../__testUtils__/operationRequest';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const TEAM_A = 'group:default/team-a';
const NAMESPACE_COST_CENTERS: Record<string, string[]> = {
  'sandbox/shop': ['CC-1', 'CC-2'],
  'sandbox/ledger': ['CC-2', 'CC-3'],
};
const directory = new FakeDirectory(NAMESPACE_COST_CENTERS, {
  [ALICE]: [TEAM_A],
});

type Permission = { authorized: boolean; groups: string[] };
type Permissions = Map<string, Permission>;

type Action = { operation: 'wake' | 'sleep' | 'scale'; replicas?: number };

/**
 * The rule the guards must apply, evaluated on the test's own copy of the
 * permissions: a valid cost center always; authorized and the user's to
 * charge unless the action stops charges (a sleep or a scale to 0).
 */
function chargeable(
  permissions: Permissions,
  namespace: string,
  costCenter: string,
  user: string,
  action: Action,
) {
  const valid =
    NAMESPACE_COST_CENTERS[`sandbox/${namespace}`].includes(costCenter);
  const stops =
    action.operation === 'sleep' ||
    (action.operation === 'scale' && action.replicas === 0);
  if (stops) return valid;
  const permission = permissions.get(costCenter);
  const member =
    !permission?.groups.length ||
    (user === ALICE && permission.groups.includes(TEAM_A));
  return valid && Boolean(permission?.authorized) && member;
}

/** Done when chargeable, else a 403 naming the cost center. */
function expected(
  permissions: Permissions,
  namespace: string,
  costCenter: string,
  user: string,
  action: Action,
) {
  return chargeable(permissions, namespace, costCenter, user, action)
    ? /^done$/
    : new RegExp(`^NotAllowedError: Cost center ${costCenter} `);
}

/** `done`, or the error's name and message. */
async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'done';
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

const costCenter = fc.constantFrom('CC-1', 'CC-2', 'CC-3', 'CC-404');
const namespace = fc.constantFrom('shop', 'ledger');
const user = fc.constantFrom(ALICE, BOB);
const permission = fc.record({
  authorized: fc.boolean(),
  groups: fc.constantFrom<string[]>([], [TEAM_A]),
});
const initialPermissions = fc.dictionary(
  fc.constantFrom('CC-1', 'CC-2', 'CC-3'),
  permission,
);
const step = fc.oneof(
  fc.record({
    kind: fc.constant('operate' as const),
    namespace,
    costCenter,
    user,
    operation: fc.constantFrom(
      'wake' as const,
      'sleep' as const,
      'scale' as const,
    ),
    replicas: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    kind: fc.constant('permission' as const),
    costCenter,
    permission,
  }),
  fc.record({
    kind: fc.constant('schedule' as const),
    namespace,
    costCenter,
    user,
    operation: fc.constantFrom('wake' as const, 'sleep' as const),
    minute: fc.integer({ min: 0, max: 59 }),
  }),
  fc.record({
    kind: fc.constant('advance' as const),
    minutes: fc.integer({ min: 1, max: 240 }),
  }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Random runs seldom revoke what a saved schedule charges; these always do, before its run. */
const REVOKED_AFTER_SAVE: Array<[Record<string, Permission>, Step[], number]> =
  [
    [
      { 'CC-1': { authorized: true, groups: [] } },
      [
        {
          kind: 'schedule',
          namespace: 'shop',
          costCenter: 'CC-1',
          user: ALICE,
          operation: 'wake',
          minute: 5,
        },
        {
          kind: 'permission',
          costCenter: 'CC-1',
          permission: { authorized: false, groups: [] },
        },
        { kind: 'advance', minutes: 120 },
      ],
      10,
    ],
    [
      { 'CC-2': { authorized: true, groups: [] } },
      [
        {
          kind: 'schedule',
          namespace: 'ledger',
          costCenter: 'CC-2',
          user: BOB,
          operation: 'wake',
          minute: 5,
        },
        {
          kind: 'permission',
          costCenter: 'CC-2',
          permission: { authorized: true, groups: [TEAM_A] },
        },
        { kind: 'advance', minutes: 120 },
      ],
      10,
    ],
  ];

/** A backend instance (no off-hours limit in the way) and the test's copy of its permissions. */
async function start(
  knex: Knex,
  initial: Record<string, Permission>,
  startHour: number,
) {
  await migrateUp(knex);
  const clock = new ManualClock(
    Date.parse('2026-11-23T00:00:00Z') + startHour * 3_600_000,
  );
  const instance = governedInstance({
    knex,
    clock,
    directory,
    limit: 100,
    defaultAuthorized: false,
  });
  const permissions: Permissions = new Map();
  const setPermission = async (
    name: string,
    { authorized, groups }: Permission,
  ) => {
    await instance.costCenters.admin.setPermission(
      name,
      { is_authorized: authorized, allowed_groups: groups },
      mockCredentials.user('user:default/carol'),
    );
    permissions.set(name, { authorized, groups });
  };
  for (const [name, p] of Object.entries(initial)) await setPermission(name, p);
  return { clock, instance, permissions, setPermission };
}
type World = Awaited<ReturnType<typeof start>>;

/** Runs one step: what happened, and what the rule says should have. */
async function run(world: World, s: Step): Promise<[string, RegExp]> {
  const { instance, permissions } = world;
  switch (s.kind) {
    case 'operate': {
      const outcome = instance.operations.execute(
        requestFrom({
          cluster: 'sandbox',
          namespace: s.namespace,
          operation: s.operation,
          replicas: s.replicas,
          costCenter: s.costCenter,
          requestedBy: s.user,
        }),
      );
      return [
        await outcomeOf(outcome),
        expected(permissions, s.namespace, s.costCenter, s.user, {
          operation: s.operation,
          replicas: s.replicas,
        }),
      ];
    }
    case 'schedule': {
      const saved = instance.schedules.create(
        {
          kind: 'cron',
          title: 'cron',
          cluster: 'sandbox',
          namespace: s.namespace,
          cost_center: s.costCenter,
          zone: 'UTC',
          cron: `${s.minute} * * * *`,
          operation: s.operation,
        },
        mockCredentials.user(s.user),
      );
      return [
        await outcomeOf(saved),
        expected(permissions, s.namespace, s.costCenter, s.user, s),
      ];
    }
    case 'permission':
      await world.setPermission(s.costCenter, s.permission);
      return ['done', /^done$/];
    default:
      world.clock.advanceMinutes(s.minutes);
      await instance.tick();
      return ['done', /^done$/];
  }
}

describe('cost-center governance: every operation is tied to a valid cost center, and every charge to an authorized one', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('holds over random requests, permission changes, scheduled runs and clock times', async () => {
    await fc.assert(
      fc.asyncProperty(
        initialPermissions,
        fc.array(step, { maxLength: 25 }),
        fc.integer({ min: 0, max: 167 }),
        async (initial, steps, startHour) => {
          const world = await start(
            await databases.init('SQLITE_3'),
            initial,
            startHour,
          );
          const seen = new Set<string>();
          for (const s of steps) {
            const [outcome, rule] = await run(world, s);
            expect(outcome).toMatch(rule);
            // Whatever ran in the step — manual or scheduled — was chargeable then.
            const { items } = await world.instance.activities.list({
              limit: 500,
            });
            const fresh = items.filter(activity => !seen.has(activity.id));
            fresh.forEach(activity => seen.add(activity.id));
            const unchargeable = fresh.filter(
              a =>
                !chargeable(
                  world.permissions,
                  a.namespace,
                  a.cost_center,
                  a.user_id ?? '',
                  a,
                ),
            );
            expect(unchargeable).toEqual([]);
          }
        },
      ),
      { numRuns: 30, examples: REVOKED_AFTER_SAVE },
    );
  });
});

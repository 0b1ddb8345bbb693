import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Schedule,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { migrateUp } from '../database/migrations';
import { KnexScheduleStore } from './KnexScheduleStore';

jest.setTimeout(60_000);

const AT = new Date('2026-11-22T12:00:00Z');
const base = {
  title: 'Office hours',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
};
const weekly: ScheduleInput = {
  ...base,
  kind: 'weekly',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '07:00',
  to: '20:00',
  except_dates: ['2026-12-25'],
};
const cron: ScheduleInput = {
  ...base,
  title: 'Nightly scale',
  kind: 'cron',
  cron: '0 3 * * *',
  operation: 'scale',
  replicas: 2,
};
const next = {
  at: Date.parse('2026-11-23T06:00:00Z'),
  operation: 'wake' as const,
};

describe('KnexScheduleStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    return KnexScheduleStore.create({ knex });
  }

  it.each(databases.eachSupportedId())(
    'stores every kind and reads it back the same, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const inputs: ScheduleInput[] = [
        weekly,
        cron,
        {
          ...base,
          kind: 'window',
          start: '2026-11-28T09:00:00.000+01:00',
          end: '2026-11-28T17:00:00.000+01:00',
        },
        {
          ...base,
          kind: 'override',
          operation: 'sleep',
          until: '2026-11-22T22:00:00.000+01:00',
        },
      ];
      for (const input of inputs) {
        const created = await store.create({
          input,
          createdBy: 'user:default/alice',
          at: AT,
          next,
        });
        expect(created).toMatchObject({
          ...input,
          status: 'active',
          run_count: 0,
          next_run: '2026-11-23T07:00:00.000+01:00',
        });
        expect(await store.get(created.id)).toEqual(created);
      }
      const listed = await store.list({
        cluster: 'sandbox',
        namespace: 'shop-dev',
      });
      expect(listed.map(s => s.kind).sort()).toEqual([
        'cron',
        'override',
        'weekly',
        'window',
      ]);
      expect(await store.list({ namespace: 'other' })).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a write whose check throws, changing nothing, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const office = await store.create({
        input: weekly,
        createdBy: 'u',
        at: AT,
        next,
      });
      const refuse = () => {
        throw new ConflictError('overlaps');
      };
      await expect(
        store.create({ input: weekly, createdBy: 'u', at: AT, next }, refuse),
      ).rejects.toThrow(ConflictError);
      await expect(
        store.replace(office.id, { input: cron, at: AT }, refuse),
      ).rejects.toThrow(ConflictError);
      expect(await store.list()).toEqual([office]);

      const seen: string[][] = [];
      await store.create({ input: cron, createdBy: 'u', at: AT }, siblings =>
        seen.push(siblings.map(s => s.id)),
      );
      expect(seen).toEqual([[office.id]]);
      await expect(
        store.replace('missing', { input: cron, at: AT }),
      ).rejects.toThrow(NotFoundError);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps one active override per namespace, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const hold = (operation: 'wake' | 'sleep') =>
        store.create({
          input: { ...base, kind: 'override', operation },
          createdBy: 'u',
          at: AT,
        });
      const first = await hold('wake');
      const second = await hold('sleep');
      expect((await store.get(first.id))?.status).toBe('completed');
      expect((await store.get(second.id))?.status).toBe('active');
    },
  );

  it.each(databases.eachSupportedId())(
    'withdraws an override and reinstates the one it replaced, unless another holds by then, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const hold = (operation: 'wake' | 'sleep', at: Date) =>
        store.create({
          input: { ...base, kind: 'override', operation },
          createdBy: 'u',
          at,
        });
      const later = new Date(AT.getTime() + 60_000);
      const first = await hold('wake', AT);
      const failed = await hold('sleep', later);

      await store.withdrawOverride(failed.id, () => next);

      expect(await store.get(failed.id)).toBeUndefined();
      const reinstated = await store.get(first.id);
      expect(reinstated?.status).toBe('active');
      expect(Date.parse(reinstated?.next_run ?? '')).toBe(next.at);

      // Another override took the namespace after the failed one: it stays.
      const failedAgain = await hold('sleep', new Date(later.getTime() + 1));
      const meanwhile = await hold('wake', new Date(later.getTime() + 2));
      await store.withdrawOverride(failedAgain.id, () => next);
      expect(await store.get(failedAgain.id)).toBeUndefined();
      expect((await store.get(meanwhile.id))?.status).toBe('active');
      expect((await store.get(first.id))?.status).toBe('completed');
    },
  );

  it.each(databases.eachSupportedId())(
    'claims a due run once and counts its outcome, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const schedule = await store.create({
        input: cron,
        createdBy: 'u',
        at: AT,
        next,
      });
      expect((await store.findDue(new Date(next.at - 1), 10)).length).toBe(0);
      expect(
        (await store.findDue(new Date(next.at), 10)).map(s => s.id),
      ).toEqual([schedule.id]);

      const following = {
        at: next.at + 86_400_000,
        operation: 'scale' as const,
        replicas: 2,
      };
      const claim = {
        scheduleId: schedule.id,
        dueAt: new Date(next.at),
        trigger: 'schedule' as const,
        operation: 'scale' as const,
        claimedBy: 'instance-a',
        claimedAt: new Date(next.at + 5_000),
        advance: {
          expectedNextRun: new Date(next.at),
          next: following,
          missed: [new Date(next.at - 86_400_000)],
          missedCount: 3,
        },
      };
      const runId = await store.claim(claim);
      expect(runId).toBeDefined();
      expect(
        await store.claim({ ...claim, claimedBy: 'instance-b' }),
      ).toBeUndefined();
      expect(
        await store.claim({
          ...claim,
          advance: {
            ...claim.advance,
            expectedNextRun: new Date(following.at),
          },
        }),
      ).toBeUndefined();

      await store.finish({
        runId: runId!,
        scheduleId: schedule.id,
        dueAt: claim.dueAt,
        trigger: 'schedule',
        operation: 'scale',
        outcome: 'failed',
        message: 'HTTP 500',
        activityId: 'activity-1',
        finishedAt: new Date(next.at + 9_000),
      });
      expect(await store.get(schedule.id)).toMatchObject({
        run_count: 1,
        error_count: 1,
        success_count: 0,
        skipped_count: 3,
        next_run: '2026-11-24T07:00:00.000+01:00',
        last_run: {
          outcome: 'failed',
          activity_id: 'activity-1',
          message: 'HTTP 500',
          due_at: '2026-11-23T07:00:00.000+01:00',
        },
      });
      expect(
        (await store.listRuns(schedule.id, 10)).map(r => [
          r.status,
          r.claimed_by,
        ]),
      ).toEqual([
        ['failed', 'instance-a'],
        ['missed', 'instance-a'],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'completes a schedule with nothing left and deletes with its runs, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const schedule = await store.create({
        input: cron,
        createdBy: 'u',
        at: AT,
        next,
      });
      await store.reschedule(schedule.id, new Date(next.at), undefined);
      expect(await store.get(schedule.id)).toMatchObject({
        status: 'completed',
      });
      expect((await store.get(schedule.id))?.next_run).toBeUndefined();
      await store.claim({
        scheduleId: schedule.id,
        dueAt: AT,
        trigger: 'manual',
        claimedBy: 'u',
        claimedAt: AT,
      });
      expect(await store.delete(schedule.id)).toBe(true);
      expect(await store.delete(schedule.id)).toBe(false);
      await expect(store.listRuns(schedule.id, 10)).rejects.toThrow(
        NotFoundError,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'ends the override a check picks, with who and when, and puts back only what it ended, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const override: ScheduleInput = {
        ...base,
        title: 'Awake until Thu 3 Dec, 18:00 CET',
        kind: 'override',
        operation: 'wake',
        until: '2026-11-23T18:00',
      };
      const release = {
        at: Date.parse('2026-11-23T17:00:00Z'),
        operation: 'sleep' as const,
      };
      const held = await store.create({
        input: override,
        createdBy: 'user:default/bob',
        at: AT,
        next: release,
      });
      const ending = {
        cluster: 'sandbox',
        namespace: 'shop-dev',
        by: 'user:default/alice',
        ends: (schedules: Schedule[]) =>
          schedules.find(schedule => schedule.status === 'active'),
      };
      const at = new Date('2026-11-22T13:00:00Z');
      expect(await store.endOverride({ ...ending, at })).toEqual(held);
      const ended = await store.get(held.id);
      expect(ended).toMatchObject({
        status: 'completed',
        ended_by: 'user:default/alice',
        ended_at: '2026-11-22T13:00:00.000Z',
      });
      expect(ended?.next_run).toBeUndefined();
      expect(await store.findDue(new Date('2030-01-01'), 10)).toEqual([]);
      // Nothing active is left to end.
      expect(await store.endOverride({ ...ending, at })).toBeUndefined();

      // Ended at another instant: not this ending's to undo.
      await store.reinstateOverride(held, new Date('2026-11-22T13:01:00Z'));
      expect(await store.get(held.id)).toEqual(ended);
      await store.reinstateOverride(held, at);
      expect(await store.get(held.id)).toEqual(held);
    },
  );
});

/* eslint-disable jest/no-export -- a contract suite, exported for each store's own test file to run */
import {
  CostCenterPermissionStore,
  CostCenterRecord,
} from '@namespace-scheduler/backstage-plugin-node';

const CHANGED_AT = new Date('2026-11-23T07:00:00Z');

function record(costCenter: string, isAuthorized: boolean): CostCenterRecord {
  return {
    costCenter,
    isAuthorized,
    allowedGroups: ['group:default/team-commerce'],
    changedBy: 'user:default/admin',
    changedAt: CHANGED_AT,
  };
}

/**
 * The contract every cost-center permission store passes, as
 * {@link describeActivityStoreContract} is for activities. `createStore`
 * gives a store over empty tables for each test.
 *
 * @public
 */
export function describeCostCenterPermissionStoreContract(
  name: string,
  createStore: () => Promise<CostCenterPermissionStore>,
): void {
  describe(`CostCenterPermissionStore contract on ${name}`, () => {
    it('puts, gets, lists sorted, and seeds only what has no record', async () => {
      const store = await createStore();
      await store.put(record('CC-2', true));
      await store.put({ ...record('CC-1', false), note: 'frozen' });
      await store.seed([
        { ...record('CC-1', true), changedBy: 'app-config' },
        { ...record('CC-3', true), allowedGroups: [] },
      ]);
      expect(await store.get('CC-1')).toEqual({
        ...record('CC-1', false),
        note: 'frozen',
      });
      expect(await store.get('CC-9')).toBeUndefined();
      expect((await store.list()).map(r => r.costCenter)).toEqual([
        'CC-1',
        'CC-2',
        'CC-3',
      ]);
      expect(await store.get('CC-3')).toMatchObject({ allowedGroups: [] });
    });
  });
}

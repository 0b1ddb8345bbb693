import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateDownAll, migrateUp } from '../database/migrations';
import { KnexSilenceStore } from './SilenceStore';

jest.setTimeout(60_000);

const SHOP = { cluster: 'prod', namespace: 'shop' };
const NOW = new Date('2026-11-24T20:00:00Z');
const LATER = new Date('2026-11-25T07:00:00Z');

describe('KnexSilenceStore and its migration', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'keeps one silence per namespace on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const store = KnexSilenceStore.create({ knex });

      expect(await store.get(SHOP)).toBeUndefined();
      await store.put({ ...SHOP, silenceId: 's1', endsAt: LATER }, NOW);
      await store.put({ ...SHOP, silenceId: 's2', endsAt: LATER }, NOW);
      expect(await store.get(SHOP)).toEqual({
        ...SHOP,
        silenceId: 's2',
        endsAt: LATER,
      });

      // Removing a silence another instance already replaced leaves the new one.
      await store.remove(SHOP, 's1');
      expect((await store.get(SHOP))?.silenceId).toBe('s2');
      await store.remove(SHOP, 's2');
      expect(await store.get(SHOP)).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down and up again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      expect(await knex.schema.hasTable('ns_alertmanager_silences')).toBe(true);
      await migrateDownAll(knex);
      expect(await knex.schema.hasTable('ns_alertmanager_silences')).toBe(
        false,
      );
      await migrateUp(knex);
      expect(await knex.schema.hasTable('ns_alertmanager_silences')).toBe(true);
    },
  );
});

import type { Config } from '@backstage/config';
import type { Knex } from 'knex';
import { AlertmanagerClient } from './AlertmanagerClient';
import { readAlertmanagerConfig } from './config';
import { NamespaceSilencer, ScheduleLookup } from './NamespaceSilencer';
import { KnexSilenceStore } from './SilenceStore';

/** Alertmanager silences while a namespace sleeps; none without `namespaceScheduler.alertmanager.url`. */
export function createSilencer(deps: {
  config: Config;
  knex: Knex;
  schedules: ScheduleLookup;
}): NamespaceSilencer | undefined {
  const settings = readAlertmanagerConfig(deps.config);
  if (!settings) return undefined;
  return NamespaceSilencer.create({
    settings,
    client: AlertmanagerClient.create(settings),
    store: KnexSilenceStore.create({ knex: deps.knex }),
    schedules: deps.schedules,
  });
}

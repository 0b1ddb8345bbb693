import { Config } from '@backstage/config';

const DYNAMODB_MODULE =
  '@namespace-scheduler/backstage-plugin-backend-module-dynamodb';

/**
 * `namespaceScheduler.activityStore` chose the store before the DynamoDB
 * store became a module; now installing the module is the choice. A config
 * that still says `dynamodb` without it would silently keep the activity
 * log in the portal database, so startup fails and says what to add.
 */
export function checkStoreConfig(config: Config, moduleInstalled: boolean) {
  const kind = config.getOptionalString('namespaceScheduler.activityStore');
  if (kind === undefined) return;
  if (kind !== 'database' && kind !== 'dynamodb') {
    throw new Error(
      `namespaceScheduler.activityStore: must be "database" or "dynamodb", got "${kind}"`,
    );
  }
  if (kind === 'dynamodb' && !moduleInstalled) {
    throw new Error(
      `namespaceScheduler.activityStore is "dynamodb", but no activity store module is installed: ` +
        `add ${DYNAMODB_MODULE} to the backend (backend.add(import('${DYNAMODB_MODULE}'))) ` +
        'and remove activityStore, which installing the module replaces (docs/dynamodb.md)',
    );
  }
  if (kind === 'database' && moduleInstalled) {
    throw new Error(
      'namespaceScheduler.activityStore is "database", but a module sets the activity store: ' +
        'remove the module from the backend, or remove activityStore',
    );
  }
}

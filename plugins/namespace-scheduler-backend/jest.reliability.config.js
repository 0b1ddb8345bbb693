/*
 * The reliability suites (`src/**\/*.reliability.test.ts`): the package's usual
 * Backstage jest config narrowed to them. The plain `test` run ignores them
 * (testPathIgnorePatterns in package.json), so CI never runs them twice.
 *   yarn test:reliability [jest options]
 */
const packageConfig = require('@backstage/cli/config/jest');

module.exports = packageConfig.then(config => ({
  ...config,
  testMatch: ['**/*.reliability.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
}));

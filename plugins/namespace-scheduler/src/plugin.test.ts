import { namespaceSchedulerPlugin } from './plugin';

describe('namespace-scheduler', () => {
  it('should export plugin', () => {
    expect(namespaceSchedulerPlugin).toBeDefined();
  });
});

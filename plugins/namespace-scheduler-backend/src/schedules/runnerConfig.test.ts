import { ConfigReader } from '@backstage/config';
import { DEFAULT_RUNNER_SCHEDULE, readRunnerConfig } from './runnerConfig';

const read = (runner?: object) =>
  readRunnerConfig(
    new ConfigReader(runner ? { namespaceScheduler: { runner } } : {}),
  );

describe('readRunnerConfig', () => {
  it('ticks every minute by default', () => {
    expect(read()).toEqual({
      schedule: DEFAULT_RUNNER_SCHEDULE,
      concurrency: undefined,
    });
    expect(read({ concurrency: 4 })).toEqual({
      schedule: DEFAULT_RUNNER_SCHEDULE,
      concurrency: 4,
    });
  });

  it('reads the frequency as a scheduler task schedule, with a default timeout', () => {
    expect(read({ frequency: { seconds: 30 } }).schedule).toEqual({
      frequency: { seconds: 30 },
      timeout: { minutes: 5 },
    });
    expect(
      read({
        frequency: { cron: '*/2 * * * *' },
        timeout: 'PT1M',
        initialDelay: { seconds: 10 },
        scope: 'local',
      }).schedule,
    ).toMatchObject({
      frequency: { cron: '*/2 * * * *' },
      initialDelay: { seconds: 10 },
      scope: 'local',
    });
  });

  it('refuses a bad frequency', () => {
    expect(() => read({ frequency: 'often' })).toThrow();
  });
});

import { ReadinessService } from './ReadinessService';

describe('ReadinessService', () => {
  it('is ok when every check answers, with each latency', async () => {
    const readiness = ReadinessService.create({
      checks: [
        { name: 'database', check: async () => {} },
        { name: 'cluster:a', check: async () => {} },
      ],
    });
    const report = await readiness.report();
    expect(report.status).toBe('ok');
    expect(Object.keys(report.checks)).toEqual(['database', 'cluster:a']);
    expect(report.checks.database).toEqual({
      status: 'ok',
      latencyMs: expect.any(Number),
    });
  });

  it('names the dependency that failed and why', async () => {
    const readiness = ReadinessService.create({
      checks: [
        { name: 'database', check: async () => {} },
        {
          name: 'cluster:b',
          check: async () => {
            throw new Error('connect ECONNREFUSED');
          },
        },
      ],
    });
    const report = await readiness.report();
    expect(report.status).toBe('error');
    expect(report.checks['cluster:b']).toEqual({
      status: 'error',
      latencyMs: expect.any(Number),
      message: 'connect ECONNREFUSED',
    });
    expect(report.checks.database.status).toBe('ok');
  });

  it('runs checks at once and gives up on a slow one after the timeout, aborting it', async () => {
    let aborted = false;
    const readiness = ReadinessService.create({
      timeoutMs: 100,
      checks: [
        {
          name: 'slow',
          check: signal =>
            new Promise(resolve => {
              signal.addEventListener('abort', () => {
                aborted = true;
              });
              setTimeout(resolve, 5_000).unref();
            }),
        },
        {
          name: 'also-slow',
          check: () => new Promise(resolve => setTimeout(resolve, 80)),
        },
      ],
    });
    const started = Date.now();
    const report = await readiness.report();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report.checks.slow).toMatchObject({
      status: 'error',
      message: 'no answer within 100 ms',
    });
    expect(report.checks['also-slow'].status).toBe('ok');
    expect(aborted).toBe(true);
  });
});

import type { DependencyStatus, ReadinessReport } from './ReadinessCheck';
import { type ReadinessCheck } from '@namespace-scheduler/backstage-plugin-node';

/** How long a single check may take before it counts as down. */
export const DEFAULT_READINESS_TIMEOUT_MS = 3_000;

/** Runs every readiness check at once, each with its own time limit. */
export class ReadinessService {
  static create(options: {
    checks: ReadinessCheck[];
    timeoutMs?: number;
  }): ReadinessService {
    return new ReadinessService(
      options.checks,
      options.timeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS,
    );
  }

  private constructor(
    private readonly checks: ReadinessCheck[],
    private readonly timeoutMs: number,
  ) {}

  async report(): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.checks.map(
        async check => [check.name, await this.run(check)] as const,
      ),
    );
    return {
      status: results.every(([, r]) => r.status === 'ok') ? 'ok' : 'error',
      checks: Object.fromEntries(results),
    };
  }

  private async run(check: ReadinessCheck): Promise<DependencyStatus> {
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    try {
      await Promise.race([check.check(controller.signal), timedOut]);
      return { status: 'ok', latencyMs: latencyMs() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'error', latencyMs: latencyMs(), message };
    } finally {
      clearTimeout(timer);
    }
  }
}

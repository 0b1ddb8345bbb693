import { TestApiProvider } from '@backstage/test-utils';
import { NamespaceStatus } from '@namespace-scheduler/backstage-plugin-common';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { NamespaceLocator, namespaceSchedulerApiRef } from '../../api';
import { namespaceStatus } from '../../__testUtils__';
import {
  SETTLING_POLL_LIMIT_MS,
  SETTLING_POLL_MS,
  useSettlingNamespaces,
} from './useSettlingNamespaces';

/** An awake namespace with `ready` of 2 workloads ready, read at `at` (seconds). */
const waking = (namespace: string, ready: number, at = 0): NamespaceStatus =>
  namespaceStatus(namespace, 'awake', {
    readiness: { ready, total: 2 },
    observedAt: new Date(Date.UTC(2026, 11, 2, 22, 0, at)).toISOString(),
  });

describe('useSettlingNamespaces', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** The hook over `loaded`, with `answer` giving each read's status. */
  function render(
    loaded: NamespaceStatus[],
    answer: (target: NamespaceLocator, read: number) => NamespaceStatus,
  ) {
    const reads: string[] = [];
    const getNamespace = jest.fn(async (target: NamespaceLocator) => {
      reads.push(target.namespace);
      return answer(target, reads.length);
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[namespaceSchedulerApiRef, { getNamespace }]]}>
        {children}
      </TestApiProvider>
    );
    const hook = renderHook(() => useSettlingNamespaces(loaded), { wrapper });
    return { hook, reads };
  }

  const tick = (ms = SETTLING_POLL_MS) =>
    act(() => jest.advanceTimersByTimeAsync(ms));

  it('reads a waking namespace again until it is ready, and leaves the others alone', async () => {
    const { hook, reads } = render(
      [waking('shop-dev', 0), namespaceStatus('shop-staging', 'awake')],
      (_target, read) => waking('shop-dev', read === 1 ? 1 : 2, read),
    );
    expect(reads).toEqual([]);
    await tick();
    expect(reads).toEqual(['shop-dev']);
    expect(hook.result.current[0].readiness).toEqual({ ready: 1, total: 2 });
    expect(hook.result.current[1].namespace).toBe('shop-staging');

    await tick();
    expect(hook.result.current[0].readiness).toEqual({ ready: 2, total: 2 });
    // Ready: no more reads.
    await tick(SETTLING_POLL_MS * 5);
    expect(reads).toEqual(['shop-dev', 'shop-dev']);
  });

  it('keeps reading a namespace an operation holds', async () => {
    const held = namespaceStatus('shop-dev', 'asleep', {
      operation: {
        operation: 'wake',
        requested_by: 'scheduler',
        started_at: '2026-12-02T22:00:00Z',
        state: 'running',
      },
    });
    const { hook, reads } = render([held], (_target, read) =>
      read < 2
        ? { ...held, observedAt: '2026-12-02T22:00:03Z' }
        : waking('shop-dev', 2, 10),
    );
    await tick();
    await tick();
    expect(reads).toHaveLength(2);
    expect(hook.result.current[0].state).toBe('awake');
    expect(hook.result.current[0].operation).toBeUndefined();
    await tick(SETTLING_POLL_MS * 3);
    expect(reads).toHaveLength(2);
  });

  it('gives up after the limit, and keeps the last state read', async () => {
    const { hook, reads } = render([waking('shop-dev', 0)], (_t, read) =>
      waking('shop-dev', 1, read),
    );
    await tick(SETTLING_POLL_LIMIT_MS + SETTLING_POLL_MS);
    const count = reads.length;
    expect(count).toBeGreaterThan(100);
    expect(count).toBeLessThanOrEqual(
      SETTLING_POLL_LIMIT_MS / SETTLING_POLL_MS,
    );
    await tick(SETTLING_POLL_MS * 10);
    expect(reads).toHaveLength(count);
    expect(hook.result.current[0].readiness).toEqual({ ready: 1, total: 2 });
  });

  it('tries again after a failed read', async () => {
    const { hook, reads } = render([waking('shop-dev', 0)], (_t, read) => {
      if (read === 1) throw new Error('ECONNRESET');
      return waking('shop-dev', 2, read);
    });
    await tick();
    expect(hook.result.current[0].readiness).toEqual({ ready: 0, total: 2 });
    await tick();
    expect(reads).toHaveLength(2);
    expect(hook.result.current[0].readiness).toEqual({ ready: 2, total: 2 });
  });

  it('prefers a newer load over an older poll', async () => {
    let loaded = [waking('shop-dev', 0, 0)];
    const getNamespace = jest.fn(async () => waking('shop-dev', 1, 5));
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[namespaceSchedulerApiRef, { getNamespace }]]}>
        {children}
      </TestApiProvider>
    );
    const hook = renderHook(() => useSettlingNamespaces(loaded), { wrapper });
    await tick();
    expect(hook.result.current[0].readiness?.ready).toBe(1);
    loaded = [
      namespaceStatus('shop-dev', 'asleep', {
        observedAt: '2026-12-02T22:00:30.000Z',
      }),
    ];
    hook.rerender();
    expect(hook.result.current[0].state).toBe('asleep');
  });
});

import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { NamespaceChangedSignal } from '@namespace-scheduler/backstage-plugin-common';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { NamespaceLocator } from '../../api';
import {
  CHANGES_MAX_WAIT_MS,
  CHANGES_POLL_MS,
  CHANGES_QUIET_MS,
  useNamespaceChanges,
} from './useNamespaceChanges';

const SHOP_DEV = { cluster: 'sandbox', namespace: 'shop-dev' };
const SHOP_STAGING = { cluster: 'sandbox', namespace: 'shop-staging' };
const channelOf = (ref: NamespaceLocator) =>
  `namespace-scheduler:namespace:${ref.cluster}/${ref.namespace}`;

/** Any signal message (a JSON object). */
type JsonObject = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/** A signal API whose messages the test sends, channel by channel. */
function fakeSignals() {
  const listeners = new Map<string, (message: JsonObject) => void>();
  const api: SignalApi = {
    subscribe: (channel, onMessage) => {
      listeners.set(channel, onMessage as (message: JsonObject) => void);
      return { unsubscribe: () => listeners.delete(channel) };
    },
  };
  const send = (ref: NamespaceLocator) => {
    const message: NamespaceChangedSignal = { ...ref, change: 'operation' };
    listeners.get(channelOf(ref))?.(message);
  };
  return { api, send, channels: () => [...listeners.keys()].sort() };
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('useNamespaceChanges', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    setVisibility('visible');
  });

  /** The hook over `namespaces`, with the signal API when given. */
  function render(namespaces: NamespaceLocator[], signalApi?: SignalApi) {
    const onChange = jest.fn();
    const wrapper = ({ children }: { children: ReactNode }) =>
      signalApi ? (
        <TestApiProvider apis={[[signalApiRef, signalApi]]}>
          {children}
        </TestApiProvider>
      ) : (
        <TestApiProvider apis={[]}>{children}</TestApiProvider>
      );
    const hook = renderHook(({ refs }) => useNamespaceChanges(refs, onChange), {
      wrapper,
      initialProps: { refs: namespaces },
    });
    return { hook, onChange };
  }

  const wait = (ms: number) => act(() => jest.advanceTimersByTimeAsync(ms));

  it("subscribes to each namespace's channel and reloads once a change's burst pauses", async () => {
    const signals = fakeSignals();
    const { onChange } = render([SHOP_DEV, SHOP_STAGING], signals.api);
    expect(signals.channels()).toEqual([
      'namespace-scheduler:namespace:sandbox/shop-dev',
      'namespace-scheduler:namespace:sandbox/shop-staging',
    ]);

    // The operation's signal and its schedule run's, close together: one reload.
    act(() => signals.send(SHOP_DEV));
    await wait(200);
    act(() => signals.send(SHOP_STAGING));
    await wait(CHANGES_QUIET_MS - 1);
    expect(onChange).not.toHaveBeenCalled();
    await wait(1);
    expect(onChange).toHaveBeenCalledTimes(1);

    // Nothing more until the next change.
    await wait(CHANGES_POLL_MS * 2);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('reloads at most every few seconds while changes keep coming (a boundary sleeping many namespaces)', async () => {
    const signals = fakeSignals();
    const { onChange } = render([SHOP_DEV], signals.api);

    // A change every half second for 10 s: read every CHANGES_MAX_WAIT_MS
    // (5 s), not 20 times, nor only once they stop.
    const changeEveryHalfSecond = async (times: number) => {
      for (let i = 0; i < times; i++) {
        act(() => signals.send(SHOP_DEV));
        await wait(500);
      }
    };
    await changeEveryHalfSecond(10);
    expect(onChange).toHaveBeenCalledTimes(1);
    await changeEveryHalfSecond(10);
    await wait(CHANGES_QUIET_MS);
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('follows the namespaces: unsubscribes from those gone, and from all on unmount', async () => {
    const signals = fakeSignals();
    const { hook, onChange } = render([SHOP_DEV, SHOP_STAGING], signals.api);

    // The same namespaces read again (new objects): the subscriptions stay.
    hook.rerender({ refs: [{ ...SHOP_STAGING }, { ...SHOP_DEV }] });
    expect(signals.channels()).toHaveLength(2);

    hook.rerender({ refs: [SHOP_DEV] });
    expect(signals.channels()).toEqual([channelOf(SHOP_DEV)]);
    act(() => signals.send(SHOP_STAGING));
    await wait(CHANGES_MAX_WAIT_MS);
    expect(onChange).not.toHaveBeenCalled();

    hook.unmount();
    expect(signals.channels()).toEqual([]);
  });

  it('waits for a hidden page to be shown before reloading', async () => {
    const signals = fakeSignals();
    const { onChange } = render([SHOP_DEV], signals.api);
    setVisibility('hidden');

    act(() => signals.send(SHOP_DEV));
    await wait(CHANGES_MAX_WAIT_MS);
    expect(onChange).not.toHaveBeenCalled();

    act(() => setVisibility('visible'));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('without signals, reloads every minute while the page is visible', async () => {
    const { onChange } = render([SHOP_DEV]);

    await wait(CHANGES_POLL_MS + CHANGES_QUIET_MS);
    expect(onChange).toHaveBeenCalledTimes(1);
    await wait(CHANGES_POLL_MS);
    expect(onChange).toHaveBeenCalledTimes(2);

    // Hidden for three minutes: one reload when shown again, not three.
    setVisibility('hidden');
    await wait(CHANGES_POLL_MS * 3);
    expect(onChange).toHaveBeenCalledTimes(2);
    act(() => setVisibility('visible'));
    expect(onChange).toHaveBeenCalledTimes(3);
  });
});

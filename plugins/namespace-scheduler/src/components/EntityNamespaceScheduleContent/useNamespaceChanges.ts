import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { namespaceChangeChannel } from '@namespace-scheduler/backstage-plugin-common';
import { useEffect, useRef } from 'react';
import { NamespaceLocator } from '../../api';

/** A burst of changes (a boundary sleeping 20 namespaces) is read once it pauses this long… */
export const CHANGES_QUIET_MS = 1_000;

/** …or this long after its first change, whichever comes first. */
export const CHANGES_MAX_WAIT_MS = 5_000;

/** Without signals, how often the tab is read again while it is visible. */
export const CHANGES_POLL_MS = 60_000;

/**
 * Calls `onChange` when one of `namespaces` may have changed elsewhere (the
 * runner, the off-hours boundary, another user, another backend replica), so
 * the tab reads it again without ⟳. With the portal's signals: on a
 * namespace-change signal of any of them, coalesced so that a burst causes
 * one read. Without: every `CHANGES_POLL_MS`. A change while the page is
 * hidden is read when it is shown again.
 */
export function useNamespaceChanges(
  namespaces: NamespaceLocator[],
  onChange: () => void,
): void {
  const signalApi = useApiHolder().get(signalApiRef);
  const latest = useRef(onChange);
  latest.current = onChange;
  // One string, so a reload that returns the same namespaces keeps the subscriptions.
  const channels = [...new Set(namespaces.map(namespaceChangeChannel))]
    .sort()
    .join('\n');

  useEffect(() => {
    const changed = coalescedChanges(() => latest.current());
    if (!signalApi) {
      const timer = setInterval(changed.request, CHANGES_POLL_MS);
      return () => {
        clearInterval(timer);
        changed.stop();
      };
    }
    const subscriptions = channels
      .split('\n')
      .filter(Boolean)
      .map(channel => signalApi.subscribe(channel, changed.request));
    return () => {
      subscriptions.forEach(subscription => subscription.unsubscribe());
      changed.stop();
    };
  }, [signalApi, channels]);
}

/**
 * `request()` calls `onChange` once requests pause for CHANGES_QUIET_MS (at
 * most CHANGES_MAX_WAIT_MS after the first), and, while the page is hidden,
 * not until it is shown again.
 */
function coalescedChanges(onChange: () => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt: number | undefined;
  let pendingWhileHidden = false;

  const fire = () => {
    timer = undefined;
    firstAt = undefined;
    if (document.visibilityState === 'hidden') {
      pendingWhileHidden = true;
      return;
    }
    onChange();
  };
  const request = () => {
    const now = Date.now();
    firstAt ??= now;
    clearTimeout(timer);
    const wait = Math.min(
      CHANGES_QUIET_MS,
      firstAt + CHANGES_MAX_WAIT_MS - now,
    );
    timer = setTimeout(fire, Math.max(0, wait));
  };
  const onVisibility = () => {
    if (document.visibilityState !== 'visible' || !pendingWhileHidden) return;
    pendingWhileHidden = false;
    onChange();
  };
  document.addEventListener('visibilitychange', onVisibility);
  return {
    request,
    stop: () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}

import { normalizeTimeZone } from '@namespace-scheduler/backstage-plugin-common';
import { useEffect, useState } from 'react';

/** Where the zone a user picked is kept: per browser user, across pages and visits. */
const STORAGE_KEY = 'namespace-scheduler.displayZone';

const listeners = new Set<() => void>();

/** The IANA time zone the browser runs in. */
export const deviceTimeZone = () =>
  new Intl.DateTimeFormat().resolvedOptions().timeZone;

function pickedZone(): string | undefined {
  try {
    return normalizeTimeZone(window.localStorage.getItem(STORAGE_KEY) ?? '');
  } catch {
    // Storage off (private mode, a sandboxed frame): the browser's zone.
    return undefined;
  }
}

/**
 * The one zone every time on the tab and the admin page is shown (and asked
 * for) in: the one the user picked with the zone selector, else the
 * browser's. Named for what it returned before the selector existed; every
 * time shown goes through it (formatInstant), so all follow the pick.
 */
export const browserTimeZone = (): string => pickedZone() ?? deviceTimeZone();

/** Shows every time in `zone` from now on (the browser's zone forgets the pick). */
export function setDisplayZone(zone: string) {
  try {
    if (zone === deviceTimeZone()) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, zone);
  } catch {
    return;
  }
  listeners.forEach(listener => listener());
}

/** The display zone, re-rendering the component when the user picks another. */
export function useDisplayZone(): string {
  const [zone, setZone] = useState(browserTimeZone);
  useEffect(() => {
    const listener = () => setZone(browserTimeZone());
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return zone;
}

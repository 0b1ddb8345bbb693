import {
  formatNamespaceRef,
  NamespaceStatus,
  toWall,
} from '@namespace-scheduler/backstage-plugin-common';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { browserTimeZone } from '../common';
import { OperationTarget } from '../NamespaceOperations';

/** The query of the before-sleep notification's link (the backend's sleepNotices/links.ts). */
export const KEEP_AWAKE_PARAM = 'keepAwakeUntil';
export const NAMESPACE_PARAM = 'namespace';

/** An instant as a `datetime-local` value in the display zone. */
function wallValue(instant: number): string {
  return new Date(toWall(browserTimeZone(), instant))
    .toISOString()
    .slice(0, 16);
}

/**
 * Opens the "keep awake until…" dialog a link asks for —
 * `?namespace=<cluster>/<namespace>&keepAwakeUntil=<ISO>`, as the
 * before-sleep notification sends — once the namespaces are read: a wake of
 * that namespace (else the first) with `until` prefilled. The query is then
 * removed, so a reload does not open it again. A time that is not one is
 * ignored.
 */
export function useKeepAwakeLink(
  namespaces: NamespaceStatus[],
  open: (target: OperationTarget) => void,
) {
  const [params, setParams] = useSearchParams();
  const until = Date.parse(params.get(KEEP_AWAKE_PARAM) ?? '');
  const wanted = params.get(NAMESPACE_PARAM);
  const ready = namespaces.length > 0 && params.has(KEEP_AWAKE_PARAM);
  useEffect(() => {
    if (!ready) return;
    const target =
      namespaces.find(ns => formatNamespaceRef(ns) === wanted) ?? namespaces[0];
    setParams(
      current => {
        const next = new URLSearchParams(current);
        next.delete(KEEP_AWAKE_PARAM);
        next.delete(NAMESPACE_PARAM);
        return next;
      },
      { replace: true },
    );
    if (Number.isNaN(until)) return;
    open({
      cluster: target.cluster,
      namespace: target.namespace,
      operation: 'wake',
      until: wallValue(until),
    });
  }, [ready, namespaces, wanted, until, open, setParams]);
}

import { useApi } from '@backstage/core-plugin-api';
import {
  CostEstimate,
  parseDateTime,
} from '@namespace-scheduler/backstage-plugin-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { CostEstimateQuery, namespaceSchedulerApiRef } from '../../api';
import { browserTimeZone } from '../common';
import { OperationTarget } from './types';
import { Autoscalers, formProblems, OperationForm } from './useOperationRun';

/** An estimate with a price to show. */
export type PricedEstimate = CostEstimate & {
  currency: string;
  hourly_price: number;
};

function isPriced(
  estimate: CostEstimate | undefined,
): estimate is PricedEstimate {
  return Boolean(
    estimate?.available &&
      estimate.currency &&
      estimate.hourly_price !== undefined,
  );
}

/** Typing a replica count or a time asks once, after a pause. */
export const ESTIMATE_DEBOUNCE_MS = 400;

/** The estimate's question for the form as it stands; none for a sleep or a field the server would refuse. */
export function estimateQuery(
  target: OperationTarget,
  form: OperationForm,
  autoscalers: Autoscalers,
): CostEstimateQuery | undefined {
  const problems = formProblems(target, form, autoscalers);
  if (problems.replicas || problems.until) return undefined;
  const costCenter = problems.costCenter ? undefined : form.costCenter.trim();
  if (target.operation === 'scale') {
    return { operation: 'scale', replicas: Number(form.replicas), costCenter };
  }
  if (target.operation !== 'wake') return undefined;
  // As the run sends it: the field's wall-clock time in the display zone.
  const until = form.until
    ? new Date(parseDateTime(form.until, browserTimeZone())).toISOString()
    : undefined;
  return { operation: 'wake', until, costCenter };
}

/**
 * What the operation in the form would cost, asked of the backend once the
 * user pauses; undefined while the form changes, while asking, on errors and
 * when the backend has no estimate — nothing rather than a stale number.
 */
export function useCostEstimate(
  target: OperationTarget,
  query: CostEstimateQuery | undefined,
): { query: CostEstimateQuery; estimate: PricedEstimate } | undefined {
  const api = useApi(namespaceSchedulerApiRef);
  const key = JSON.stringify(query ?? null);
  const [asked, setAsked] = useState(query);
  // Only a different question asks again (the debounce also fires on mount).
  useDebounce(
    () =>
      setAsked(current =>
        JSON.stringify(current ?? null) === key ? current : query,
      ),
    ESTIMATE_DEBOUNCE_MS,
    [key],
  );
  const { cluster, namespace } = target;
  const { value, loading, error } = useAsync(
    async () => asked && api.getCostEstimate({ cluster, namespace }, asked),
    [api, cluster, namespace, asked],
  );
  const current = key === JSON.stringify(asked ?? null);
  if (!asked || !current || loading || error || !isPriced(value)) {
    return undefined;
  }
  return { query: asked, estimate: value };
}

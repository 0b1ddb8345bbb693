import { useApi } from '@backstage/core-plugin-api';
import {
  autoscalerProblem,
  AutoscalerBounds,
  isValidReplicaCount,
  keepsAwake,
  MAX_SCALE_REPLICAS,
  OperationAsk,
  OperationResult,
  parseDateTime,
  scaleRangeOf,
  Schedule,
} from '@namespace-scheduler/backstage-plugin-common';
import { useState } from 'react';
import { namespaceSchedulerApiRef } from '../../api';
import { ServerProblem, toServerProblem } from '../../errors';
import { browserTimeZone, costCenterProblem } from '../common';
import { newProgressId } from './progressId';
import { OperationTarget } from './types';
import { useOperationProgress } from './useOperationProgress';
import { WAIT_FOR_READY_SECONDS } from './waitForReady';

/**
 * `until` is a `datetime-local` value in the display zone (browserTimeZone); empty for none.
 * `waitForReady`: a wake or scale up ends once what it started is ready.
 */
export type OperationForm = {
  costCenter: string;
  replicas: string;
  until: string;
  waitForReady: boolean;
};

const FIELDS = ['costCenter', 'replicas', 'until'] as const;

type Step =
  | { name: 'form' }
  | { name: 'preview'; plan: OperationResult }
  | { name: 'running'; plan: OperationResult }
  | { name: 'result'; result: OperationResult; schedule?: Schedule };

/** The namespace's HPAs that bound a scale (its status's `autoscalers`). */
export type Autoscalers = readonly AutoscalerBounds[];

/** What the server would refuse: out of the replica limit, or outside an HPA's bounds. */
function replicasProblem(
  value: string,
  autoscalers: Autoscalers,
): string | undefined {
  if (value.trim() === '' || !isValidReplicaCount(Number(value))) {
    return `must be a whole number from 0 to ${MAX_SCALE_REPLICAS}`;
  }
  return autoscalerProblem(autoscalers, Number(value));
}

function untilProblem(value: string, now: number): string | undefined {
  if (!value) return undefined;
  const until = parseDateTime(value, browserTimeZone());
  if (Number.isNaN(until)) return 'must be a date and time';
  return until <= now ? 'must be in the future' : undefined;
}

/** What the server would refuse in the form, per field. */
export function formProblems(
  target: OperationTarget,
  form: OperationForm,
  autoscalers: Autoscalers,
): Record<string, string> {
  const problems: Record<string, string | undefined> = {
    costCenter: costCenterProblem(form.costCenter),
    ...(target.operation === 'scale'
      ? { replicas: replicasProblem(form.replicas, autoscalers) }
      : { until: untilProblem(form.until, Date.now()) }),
  };
  return Object.fromEntries(
    Object.entries(problems).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}

/** Whether the operation starts workloads, so it may wait until they are ready. */
export function startsWorkloads(
  target: OperationTarget,
  form: Pick<OperationForm, 'replicas'>,
): boolean {
  return keepsAwake({
    operation: target.operation,
    replicas: Number(form.replicas),
  });
}

/** Whether the run waits until what it starts is ready. */
function waitsForReady(target: OperationTarget, form: OperationForm) {
  return form.waitForReady && startsWorkloads(target, form);
}

/**
 * The request; `until` and `waitForReadySeconds` only on the real run (a
 * plan does not depend on them).
 */
function toRequest(
  target: OperationTarget,
  form: OperationForm,
  dryRun: boolean,
): OperationAsk {
  const costCenter = form.costCenter.trim();
  const wait =
    !dryRun && waitsForReady(target, form)
      ? { waitForReadySeconds: WAIT_FOR_READY_SECONDS }
      : {};
  if (target.operation === 'scale') {
    const replicas = Number(form.replicas);
    return { operation: 'scale', replicas, costCenter, dryRun, ...wait };
  }
  const hold =
    form.until && !dryRun
      ? {
          until: new Date(
            parseDateTime(form.until, browserTimeZone()),
          ).toISOString(),
          zone: browserTimeZone(),
        }
      : {};
  if (target.operation === 'sleep') {
    return { operation: 'sleep', costCenter, dryRun, ...hold };
  }
  return { operation: 'wake', costCenter, dryRun, ...hold, ...wait };
}

/** A namespace without HPAs that bound a scale. */
export const NO_AUTOSCALERS: Autoscalers = [];

/** 1, or the lowest count the HPAs allow (0, a sleep, when their bounds do not overlap). */
function defaultReplicas(autoscalers: Autoscalers): number {
  const { min, max } = scaleRangeOf(autoscalers);
  return min <= max ? min : 0;
}

/**
 * One operation through its steps: the form, the dry-run plan to confirm,
 * the run with live progress, then the result. Server errors that name a
 * field go back to the form.
 */
export function useOperationRun(
  target: OperationTarget,
  onCompleted: () => void,
  autoscalers: Autoscalers = NO_AUTOSCALERS,
) {
  const api = useApi(namespaceSchedulerApiRef);
  const [initial, setInitial] = useState<OperationForm>(() => ({
    costCenter: '',
    replicas: String(defaultReplicas(autoscalers)),
    until: target.until ?? '',
    waitForReady: true,
  }));
  const [form, setForm] = useState<OperationForm>(initial);
  const [step, setStep] = useState<Step>({ name: 'form' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ServerProblem['error']>();
  const [busy, setBusy] = useState(false);
  // One id per dialog: its progress channel is subscribed before confirming.
  const [progressId] = useState(newProgressId);
  const progress = useOperationProgress(
    progressId,
    target,
    step.name === 'running',
  );

  const call = async (dryRun: boolean) => {
    setBusy(true);
    setProblem(undefined);
    try {
      return await api.runOperation(target, toRequest(target, form, dryRun), {
        progressId: dryRun ? undefined : progressId,
      });
    } catch (error) {
      const found = toServerProblem(error, FIELDS);
      setProblem(found.error);
      // Refused while another operation holds the namespace: the caller
      // reloads it, so its state shows who holds it.
      if (found.error?.operation) onCompleted();
      if (Object.keys(found.fields).length > 0) {
        setFieldErrors(found.fields);
        setStep({ name: 'form' });
      }
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const preview = async () => {
    const problems = formProblems(target, form, autoscalers);
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const response = await call(true);
    if (response) setStep({ name: 'preview', plan: response.result });
  };

  const confirm = async () => {
    if (step.name !== 'preview') return;
    progress.reset();
    setStep({ name: 'running', plan: step.plan });
    const response = await call(false);
    if (!response) {
      setStep(current =>
        current.name === 'running'
          ? { name: 'preview', plan: step.plan }
          : current,
      );
      return;
    }
    setStep({
      name: 'result',
      result: response.result,
      schedule: response.schedule,
    });
    onCompleted();
  };

  const back = () => {
    setProblem(undefined);
    setStep({ name: 'form' });
  };

  const edit = (change: Partial<OperationForm>) => {
    setForm(current => ({ ...current, ...change }));
  };

  /** A value the form fills in itself (the sole cost center): not the user's change. */
  const preset = (change: Partial<OperationForm>) => {
    setInitial(current => ({ ...current, ...change }));
    edit(change);
  };

  // What closing would lose: a form the user changed, or a plan to confirm.
  const changed =
    step.name === 'preview' ||
    (step.name === 'form' && JSON.stringify(form) !== JSON.stringify(initial));

  return {
    form,
    edit,
    preset,
    changed,
    step,
    /** Running, and the request ends once what it started is ready (or the wait is over). */
    waitingForReady: step.name === 'running' && waitsForReady(target, form),
    fieldErrors,
    problem,
    busy,
    progress,
    preview,
    confirm,
    back,
  };
}

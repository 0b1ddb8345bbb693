import { useApi } from '@backstage/core-plugin-api';
import { OperationResult } from '@namespace-scheduler/backstage-plugin-common';
import { useState } from 'react';
import { namespaceSchedulerApiRef, OperationRequest } from '../../api';
import { ServerProblem, toServerProblem } from '../../errors';
import { costCenterProblem } from '../common';
import { OperationTarget } from './types';

/** The scale route's limit (OpenAPI ScaleRequest.replicas). */
export const MAX_MANUAL_REPLICAS = 1000;

export type OperationForm = { costCenter: string; replicas: string };

const FIELDS = ['costCenter', 'replicas'] as const;

type Step =
  | { name: 'form' }
  | { name: 'preview'; plan: OperationResult }
  | { name: 'result'; result: OperationResult };

function formProblems(
  target: OperationTarget,
  form: OperationForm,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const costCenter = costCenterProblem(form.costCenter);
  if (costCenter) problems.costCenter = costCenter;
  if (target.operation === 'scale') {
    const replicas = Number(form.replicas);
    if (
      form.replicas.trim() === '' ||
      !Number.isInteger(replicas) ||
      replicas < 0 ||
      replicas > MAX_MANUAL_REPLICAS
    ) {
      problems.replicas = `must be a whole number from 0 to ${MAX_MANUAL_REPLICAS}`;
    }
  }
  return problems;
}

function toRequest(
  target: OperationTarget,
  form: OperationForm,
  dryRun: boolean,
): OperationRequest {
  const costCenter = form.costCenter.trim();
  return target.operation === 'scale'
    ? {
        operation: 'scale',
        replicas: Number(form.replicas),
        costCenter,
        dryRun,
      }
    : { operation: target.operation, costCenter, dryRun };
}

/**
 * One operation through its steps: the form, the dry-run plan to confirm,
 * then the result. Server errors that name a field go back to the form.
 */
export function useOperationRun(
  target: OperationTarget,
  onCompleted: () => void,
) {
  const api = useApi(namespaceSchedulerApiRef);
  const [form, setForm] = useState<OperationForm>({
    costCenter: '',
    replicas: '1',
  });
  const [step, setStep] = useState<Step>({ name: 'form' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ServerProblem['error']>();
  const [busy, setBusy] = useState(false);

  const call = async (dryRun: boolean) => {
    setBusy(true);
    setProblem(undefined);
    try {
      return await api.runOperation(target, toRequest(target, form, dryRun));
    } catch (error) {
      const found = toServerProblem(error, FIELDS);
      setProblem(found.error);
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
    const problems = formProblems(target, form);
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const response = await call(true);
    if (response) setStep({ name: 'preview', plan: response.result });
  };

  const confirm = async () => {
    const response = await call(false);
    if (!response) return;
    setStep({ name: 'result', result: response.result });
    onCompleted();
  };

  const back = () => {
    setProblem(undefined);
    setStep({ name: 'form' });
  };

  const edit = (change: Partial<OperationForm>) => {
    setForm(current => ({ ...current, ...change }));
  };

  return {
    form,
    edit,
    step,
    fieldErrors,
    problem,
    busy,
    preview,
    confirm,
    back,
  };
}

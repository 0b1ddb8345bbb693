import { useApi } from '@backstage/core-plugin-api';
import { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import { useMemo, useState } from 'react';
import { NamespaceLocator, namespaceSchedulerApiRef } from '../../api';
import { ServerProblem, toServerProblem } from '../../errors';
import {
  draftOf,
  newDraft,
  SCHEDULE_FIELDS,
  ScheduleDraft,
} from './scheduleDraft';
import { validateDraft } from './validateDraft';

/**
 * The schedule form's state: the draft, its problems (the common validation
 * once the user tried to save, the server's at once) and saving.
 */
export function useScheduleForm(options: {
  target: NamespaceLocator;
  existing?: Schedule;
  onSaved: () => void;
}) {
  const { target, existing, onSaved } = options;
  const api = useApi(namespaceSchedulerApiRef);
  const [draft, setDraft] = useState<ScheduleDraft>(() =>
    existing ? draftOf(existing) : newDraft(),
  );
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ServerProblem['error']>();
  const [busy, setBusy] = useState(false);

  const check = useMemo(
    () => validateDraft(draft, target, Date.now()),
    [draft, target],
  );

  const edit = (change: Partial<ScheduleDraft>) => {
    setDraft(current => ({ ...current, ...change }));
    setServerErrors(current => {
      const rest = { ...current };
      for (const field of Object.keys(change)) delete rest[field];
      if ('hold' in change) delete rest.operation;
      return rest;
    });
  };

  const save = async () => {
    setSubmitted(true);
    if (!check.schedule) return;
    setBusy(true);
    setProblem(undefined);
    try {
      if (existing) await api.replaceSchedule(existing.id, check.schedule);
      else await api.createSchedule(check.schedule);
      onSaved();
    } catch (error) {
      const found = toServerProblem(error, SCHEDULE_FIELDS);
      setServerErrors(found.fields);
      setProblem(found.error);
    } finally {
      setBusy(false);
    }
  };

  const errors = submitted
    ? { ...check.issues, ...serverErrors }
    : serverErrors;
  return { draft, edit, errors, timing: check.timing, problem, busy, save };
}

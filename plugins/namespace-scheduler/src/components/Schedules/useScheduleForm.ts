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
 * once the user tried to save, the server's at once), whether it changed,
 * and saving.
 */
export function useScheduleForm(options: {
  target: NamespaceLocator;
  existing?: Schedule;
  onSaved: () => void;
}) {
  const { target, existing, onSaved } = options;
  const api = useApi(namespaceSchedulerApiRef);
  const [initial, setInitial] = useState<ScheduleDraft>(() =>
    existing ? draftOf(existing) : newDraft(),
  );
  const [draft, setDraft] = useState<ScheduleDraft>(initial);
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

  /** A value the form fills in itself: not a change the user would lose. */
  const preset = (change: Partial<ScheduleDraft>) => {
    setInitial(current => ({ ...current, ...change }));
    edit(change);
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
  // What the user would lose by closing the form.
  const changed = useMemo(
    () => JSON.stringify(draft) !== JSON.stringify(initial),
    [draft, initial],
  );
  return {
    draft,
    edit,
    preset,
    errors,
    timing: check.timing,
    problem,
    busy,
    save,
    changed,
  };
}

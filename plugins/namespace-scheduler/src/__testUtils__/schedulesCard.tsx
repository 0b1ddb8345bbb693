import { useState } from 'react';
import { NamespaceLocator } from '../api';
import { SchedulesCard, useNamespaceSchedules } from '../components/Schedules';

/**
 * The schedules card as the tab holds it: the schedules are read by the
 * shared hook, and a change bumps the revision they are read at.
 */
export const TabSchedulesCard = ({
  target,
  onChanged,
}: {
  target: NamespaceLocator;
  onChanged: () => void;
}) => {
  const [revision, setRevision] = useState(0);
  const schedules = useNamespaceSchedules(target, revision);
  return (
    <SchedulesCard
      target={target}
      schedules={schedules}
      onChanged={() => {
        onChanged();
        setRevision(current => current + 1);
      }}
    />
  );
};

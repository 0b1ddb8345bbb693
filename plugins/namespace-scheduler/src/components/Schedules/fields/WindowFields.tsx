import { DateTimeField } from './DateTimeField';
import { FieldsProps } from './types';

/** A one-off window: wake at the start, sleep at the end. */
export const WindowFields = ({ draft, edit, errors }: FieldsProps) => (
  <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
    <DateTimeField
      id="schedule-start"
      label="Start"
      required
      value={draft.start}
      onChange={start => edit({ start })}
      error={errors.start}
      helperText="Wakes the namespace"
    />
    <DateTimeField
      id="schedule-end"
      label="End"
      required
      value={draft.end}
      onChange={end => edit({ end })}
      error={errors.end}
      helperText="Puts it back to sleep"
    />
  </div>
);

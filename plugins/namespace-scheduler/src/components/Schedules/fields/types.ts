import { ScheduleDraft } from '../scheduleDraft';

/** What each kind's fields get from the form. */
export type FieldsProps = {
  draft: ScheduleDraft;
  edit: (change: Partial<ScheduleDraft>) => void;
  errors: Record<string, string>;
};

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** The cost-center picker of a dialog, once its options are loaded. */
export async function costCenterPicker(dialog: HTMLElement) {
  const field = within(dialog).getByLabelText(/Cost center/);
  await waitFor(() =>
    expect(field).not.toHaveAttribute('aria-disabled', 'true'),
  );
  return field;
}

/** Picks a cost center in a dialog's picker. */
export async function chooseCostCenter(dialog: HTMLElement, name: string) {
  await userEvent.click(await costCenterPicker(dialog));
  await userEvent.click(await screen.findByRole('option', { name }));
}

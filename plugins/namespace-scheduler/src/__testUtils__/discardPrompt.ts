import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

const PROMPT = 'Discard your changes?';

/** Presses Esc in a changed form's dialog and answers its "Discard your changes?" prompt. */
export async function escapeAndAnswer(answer: 'Keep editing' | 'Discard') {
  await userEvent.keyboard('{Escape}');
  const prompt = await screen.findByRole('dialog', { name: PROMPT });
  await userEvent.click(within(prompt).getByRole('button', { name: answer }));
  await waitFor(() =>
    expect(
      screen.queryByRole('dialog', { name: PROMPT }),
    ).not.toBeInTheDocument(),
  );
}

/** Presses Esc and sees every dialog close, with no prompt. */
export async function escapeCloses() {
  await userEvent.keyboard('{Escape}');
  await waitFor(() =>
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
  );
}

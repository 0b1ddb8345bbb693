import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  deviceTimeZone,
  setDisplayZone,
  useDisplayZone,
} from './browserTimeZone';
import { DisplayZoneSelect } from './DisplayZoneSelect';
import { formatInstant } from './formatInstant';

const AT = '2026-12-03T17:00:00Z';

/** A view with a time in it, re-rendered in the zone the user picks. */
const View = () => {
  useDisplayZone();
  return (
    <>
      <DisplayZoneSelect />
      <p data-testid="time">{formatInstant(AT)}</p>
    </>
  );
};

describe('the display zone', () => {
  afterEach(() => setDisplayZone(deviceTimeZone()));

  it('shows every time in the browser’s zone by default, labelled', async () => {
    await renderInTestApp(<View />);
    const field = screen.getByLabelText('Times shown in') as HTMLInputElement;
    expect(field.value).toContain(deviceTimeZone());
    expect(screen.getByTestId('time').textContent).toMatch(
      /^Thu 3 Dec, \d\d:00 \S+$/,
    );
  });

  it('switches every time to the zone picked, and keeps it for the next visit', async () => {
    setDisplayZone('UTC');
    await renderInTestApp(<View />);
    expect(screen.getByTestId('time')).toHaveTextContent(
      'Thu 3 Dec, 17:00 UTC',
    );

    const field = screen.getByLabelText('Times shown in');
    await userEvent.clear(field);
    await userEvent.type(field, 'Europe/Mad');
    await userEvent.click(
      within(await screen.findByRole('listbox')).getByText(/Europe\/Madrid/),
    );
    expect(screen.getByTestId('time')).toHaveTextContent(
      'Thu 3 Dec, 18:00 CET',
    );
    expect(window.localStorage.getItem('namespace-scheduler.displayZone')).toBe(
      'Europe/Madrid',
    );
  });
});

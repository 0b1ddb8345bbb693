import { expect, test } from '@playwright/test';
import { OwnBackend, startOwnBackend } from './ownBackend';
import { openNamespaceTab, SCREENSHOTS } from './support';

/**
 * The off-hours boundary, predicted and then explained: a backend of its
 * own whose business hours end a few minutes after it starts. shop-staging
 * is awake, has no schedules and holds no off-hours slot, so the week
 * calendar must predict its sleep at the end of business hours; the runner
 * then puts it to sleep at that minute, the open tab turns Asleep by itself
 * and says why, and the owners were told before and after.
 */
const PORT = 7008;
const MINUTE_MS = 60_000;
/** Business hours end this far after the test starts: time to start the backend and read the prediction first. */
const LEAD_MINUTES = 3;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Business hours from 00:00 to a few minutes from now, every day, in a fixed
 * offset zone where it is about midday now (so the end never crosses
 * midnight), and the end as an instant.
 */
function businessHoursEndingSoon(now: number) {
  const offsetHours = Math.max(
    -11,
    Math.min(12, 12 - new Date(now).getUTCHours()),
  );
  const endsAt =
    Math.floor((now + LEAD_MINUTES * MINUTE_MS) / MINUTE_MS) * MINUTE_MS;
  const wall = new Date(endsAt + offsetHours * 3_600_000);
  // Etc/GMT's sign is the POSIX one: Etc/GMT-3 is three hours ahead of UTC.
  const zone =
    offsetHours === 0
      ? 'UTC'
      : `Etc/GMT${offsetHours > 0 ? '-' : '+'}${Math.abs(offsetHours)}`;
  return {
    endsAt,
    config: {
      namespaceScheduler_offHours_businessHours_days: JSON.stringify([
        'mon',
        'tue',
        'wed',
        'thu',
        'fri',
        'sat',
        'sun',
      ]),
      namespaceScheduler_offHours_businessHours_start: '00:00',
      namespaceScheduler_offHours_businessHours_end: `${pad(
        wall.getUTCHours(),
      )}:${pad(wall.getUTCMinutes())}`,
      namespaceScheduler_offHours_businessHours_timeZone: zone,
    },
  };
}

/** The end of business hours as the tab shows it (the browser runs in UTC). */
const shownAt = (at: number) =>
  `${pad(new Date(at).getUTCHours())}:${pad(new Date(at).getUTCMinutes())}`;

// Set when the backend starts (not when the file is loaded: the tests before it take minutes).
let hours: ReturnType<typeof businessHoursEndingSoon>;
let backend: OwnBackend | undefined;

test.use({ baseURL: `http://127.0.0.1:${PORT}`, timezoneId: 'UTC' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  hours = businessHoursEndingSoon(Date.now());
  backend = await startOwnBackend(PORT, hours.config);
});

test.afterAll(async () => {
  await backend?.stop();
});

test('as team-commerce: the calendar predicts the off-hours boundary sleep of shop-staging, the runner does it, and the tab explains it', async ({
  page,
}) => {
  test.setTimeout(LEAD_MINUTES * MINUTE_MS + 240_000);
  await openNamespaceTab(page, 'system/shop');
  await page.getByRole('button', { name: /^Namespace/ }).click();
  await page
    .getByRole('option', { name: 'sandbox/shop-staging', exact: true })
    .click();
  const row = page.getByRole('row', { name: /shop-staging sandbox/ });
  await expect(row).toContainText('Awake');
  expect(
    Date.now(),
    'the prediction must be read before business hours end',
  ).toBeLessThan(hours.endsAt - 20_000);

  // Predicted: the sleep at the end of business hours, with its reason.
  const week = page.getByRole('list', {
    name: 'Predicted awake periods by day',
  });
  await expect(
    week.getByRole('img', {
      name: `sleep ${shownAt(
        hours.endsAt,
      )} (off-hours start: no off-hours slot)`,
    }),
  ).toHaveCount(1);
  await expect(week.getByTestId('off-hours-band').first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Upcoming' })).toContainText(
    'sleep · Off-hours limit: off-hours start: no off-hours slot',
  );
  const why = page.getByRole('region', { name: 'Why, and what next' });
  await expect(why).toContainText(/Next:.*off-hours/i);
  await page.screenshot({
    path: `${SCREENSHOTS}/forecast-boundary-sleep.png`,
    fullPage: true,
  });

  // Done: the open tab turns Asleep without a reload (a namespace change
  // signal), and says why, from the runner's activity record.
  await page.evaluate(() => {
    (window as unknown as { notReloaded?: boolean }).notReloaded = true;
  });
  await expect(row).toContainText('Asleep', {
    timeout: hours.endsAt - Date.now() + 150_000,
  });
  expect(Date.now()).toBeGreaterThanOrEqual(hours.endsAt);
  await expect(why.getByText('Now asleep:')).toBeVisible();
  await expect(
    why.getByText(/^Off-hours started .*no off-hours slot held/),
  ).toBeVisible();
  await expect(why.getByText('Off-hours limit', { exact: true })).toBeVisible();
  expect(
    await page.evaluate(
      () => (window as unknown as { notReloaded?: boolean }).notReloaded,
    ),
  ).toBe(true);
  await page.screenshot({
    path: `${SCREENSHOTS}/forecast-boundary-explained.png`,
    fullPage: true,
  });

  // The owners were told before the sleep (with the keep-awake link) and after.
  await page.goto('/notifications');
  await expect(
    page.getByText(`sandbox/shop-staging will be put to sleep at`).first(),
  ).toBeVisible();
  await expect(
    page.getByText('sandbox/shop-staging was put to sleep').first(),
  ).toBeVisible();
});

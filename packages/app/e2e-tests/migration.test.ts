import { expect, test } from '@playwright/test';
import { SCREENSHOTS, signInAsDemoUser } from './support';

/*
 * The admin page's Migration tab on the demo seed: payments-dev keeps a
 * kube-downscaler uptime and search-sandbox a kube-green SleepInfo. Read
 * only: importing would add schedules to the shared demo backend (the route
 * tests import, api/migrationRoutes.test.ts).
 */
test('an admin sees the kube-downscaler and kube-green schedules beside their replacements, and the pull-request text', async ({
  page,
}) => {
  await signInAsDemoUser(page, 'carol');
  await page.goto('/namespace-scheduler?tab=migration');

  const downscaler = page.getByRole('row', {
    name: /sandbox\/payments-dev Namespace\/payments-dev/,
  });
  await expect(downscaler).toContainText(
    'downscaler/uptime: Mon-Fri 07:30-20:30 Europe/Berlin',
  );
  await expect(downscaler).toContainText(
    'Awake Mon–Fri 07:30–20:30 (Europe/Berlin)',
  );
  const green = page.getByRole('row', {
    name: /sandbox\/search-sandbox SleepInfo\/working-hours/,
  });
  await expect(green).toContainText('Awake Mon–Fri 08:00–20:00 (Europe/Rome)');
  await expect(green).toContainText('excludeRef (StatefulSet elasticsearch)');
  await expect(
    page.getByRole('row', { name: /search-dev Deployment\/indexer/ }),
  ).toContainText('already honoured');
  await expect(
    page.getByRole('button', { name: 'Import selected' }),
  ).toBeDisabled();

  await page.getByRole('button', { name: 'Show pull-request text' }).click();
  await expect(
    page.getByLabel('Annotation for component:default/payments-api', {
      exact: true,
    }),
  ).toContainText('sandbox/payments-dev: Mon-Fri 07:30-20:30 Europe/Berlin');
  await page.screenshot({
    path: `${SCREENSHOTS}/admin-migration.png`,
    fullPage: true,
  });
});

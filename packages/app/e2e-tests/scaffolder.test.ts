import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { SCREENSHOTS, signInAsGuest } from './support';

/**
 * The "Office hours for a namespace" template (examples/templates) in the
 * portal's scaffolder page: the guest (team-commerce) fills the form for
 * shop-staging, the task runs the plugin's action as them, and the schedule
 * appears on the namespace's tab. The test deletes it after. (Who saved it,
 * and a refusal for another team, are checked in the backend's
 * scaffolderTemplates.test.ts.)
 */
const DOCS_IMAGE = 'docs/images/scaffolder-task.png';

test('as team-commerce: the office-hours template gives shop-staging a schedule, shown on its tab', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Create' }).click();
  await expect(
    page.getByRole('heading', { name: 'Office hours for a namespace' }),
  ).toBeVisible();
  await page.goto('/create/templates/default/namespace-office-hours');

  await page.getByRole('textbox', { name: 'Namespace' }).fill('shop-staging');
  await page.getByRole('textbox', { name: 'Cost center' }).fill('CC-1001');
  await page.getByRole('button', { name: 'Next' }).click();
  // The office hours' defaults: Mon–Fri 08:00–19:00 Europe/Madrid.
  await page
    .getByRole('textbox', { name: 'Schedule title' })
    .fill('Template hours');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.screenshot({
    path: `${SCREENSHOTS}/scaffolder-review.png`,
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(
    page.getByText(
      /Schedule `?[0-9a-f-]{36}`? on\s+shop-staging: next (wake|sleep)/,
    ),
  ).toBeVisible({ timeout: 60_000 });
  await page.screenshot({
    path: `${SCREENSHOTS}/scaffolder-task.png`,
    fullPage: true,
  });
  fs.copyFileSync(`${SCREENSHOTS}/scaffolder-task.png`, DOCS_IMAGE);

  await page.goto('/catalog/default/system/shop/namespace-schedule');
  await page.getByRole('button', { name: /^Namespace/ }).click();
  await page
    .getByRole('option', { name: 'sandbox/shop-staging', exact: true })
    .click();
  const row = page.getByRole('row', { name: /Template hours/ });
  await expect(row).toContainText(
    /weekly · CC-1001.*Awake Mon–Fri 08:00–19:00.*Europe\/Madrid/,
  );

  await page.getByRole('button', { name: 'Delete Template hours' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(row).toBeHidden();
});

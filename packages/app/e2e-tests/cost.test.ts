import { expect, test } from '@playwright/test';
import {
  chooseCostCenter,
  openNamespaceTab,
  SCREENSHOTS,
  tomorrowEvening,
} from './support';

/** An amount in euros, as Chromium's locale writes it (the demo's prices are in EUR). */
const EUROS = /€\s?\d[\d.,]*/;

test('as team-commerce: the tab shows the estimated cost and savings, the wake-until dialog what keeping shop-dev awake would cost', async ({
  page,
}) => {
  await openNamespaceTab(page);

  // The awake-hours card prices the period at app-config.yaml's demo prices.
  const cost = page.getByRole('region', {
    name: 'Estimated cost and savings',
  });
  await expect(cost).toContainText(
    new RegExp(`Awake .+: an estimated ${EUROS.source}\\.`),
  );
  await expect(cost).toContainText(
    new RegExp(`Asleep .+: an estimated ${EUROS.source} saved\\.`),
  );
  const shopDev = cost
    .getByRole('table', { name: 'Estimated cost and savings per namespace' })
    .getByRole('row', { name: /sandbox\/shop-dev/ });
  // Awake now (no wake recorded on a fresh demo): counted, so priced.
  await expect(shopDev).toContainText(EUROS);
  await expect(cost).toContainText(/per CPU-hour and .+ per GiB-hour/);

  // Wake: per hour; with an end, the whole hold, updated as the field changes.
  const wake = page.getByRole('button', { name: 'Wake now shop-dev' });
  await expect(wake).toBeEnabled();
  await wake.click();
  const dialog = page.getByRole('dialog');
  await chooseCostCenter(page, dialog);
  const estimate = dialog.getByRole('status', { name: 'Estimated cost' });
  await expect(estimate).toContainText(
    new RegExp(`Keeping shop-dev awake ≈ ${EUROS.source} per hour on CC-1001`),
  );
  await dialog.getByLabel('Until (optional)').fill(tomorrowEvening());
  await expect(estimate).toContainText(
    new RegExp(`Keeping shop-dev awake until .+ ≈ ${EUROS.source} on CC-1001`),
  );
  await page.screenshot({
    path: `${SCREENSHOTS}/wake-until-estimate.png`,
    fullPage: true,
  });

  // An estimate changes nothing: leave without running the wake.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

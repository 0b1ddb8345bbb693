import { expect, test } from '@playwright/test';
import { chooseCostCenter, openNamespaceTab, SCREENSHOTS } from './support';

/**
 * shop-staging (claimed by the shop system) has two HPAs: api-gateway 1–10 and
 * user-service 1–8. A manual scale must stay inside both, and never rewrite
 * them: outside, the HPA controller would undo the scale on a real cluster.
 */
test('as team-commerce: a scale is held to the HPA bounds, and the HPAs are left as they were', async ({
  page,
}) => {
  await openNamespaceTab(page, 'system/shop');
  const row = page.getByRole('row', { name: /shop-staging sandbox/ });
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: 'Scale shop-staging' }).click();
  const dialog = page.getByRole('dialog');
  await chooseCostCenter(page, dialog);
  await expect(
    dialog.getByText(
      'HorizontalPodAutoscaler user-service: Deployment user-service from 1 to 8 replicas',
    ),
  ).toBeVisible();
  const replicas = dialog.getByLabel(/Replicas/);
  await expect(replicas).toHaveAttribute('max', '8');

  // Above the lower maximum: refused in the dialog, naming the HPA.
  await replicas.fill('9');
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  await expect(
    dialog.getByText(
      /Replicas 9 is above maxReplicas 8 of HorizontalPodAutoscaler user-service/,
    ),
  ).toBeVisible();

  // Inside both: planned, applied, and the workloads are at 3.
  await replicas.fill('3');
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  await expect(
    dialog.getByRole('table', { name: 'Would change' }).getByRole('row'),
  ).not.toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/scale-hpa.png` });
  await dialog.getByRole('button', { name: 'Confirm scale' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    /workload\(s\) changed/,
  );
  await dialog.getByRole('button', { name: 'Close' }).click();

  await row.getByRole('button', { name: /detail panel/i }).click();
  await expect(
    page.getByRole('row', { name: /^Deployment api-gateway 3/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('row', { name: /^Deployment user-service 3/ }),
  ).toBeVisible();

  // The HPAs' bounds are what they were: the dialog offers the same range.
  await row.getByRole('button', { name: 'Scale shop-staging' }).click();
  const again = page.getByRole('dialog');
  await expect(
    again.getByText(
      'HorizontalPodAutoscaler api-gateway: Deployment api-gateway from 1 to 10 replicas',
    ),
  ).toBeVisible();
  await expect(again.getByLabel(/Replicas/)).toHaveAttribute('max', '8');
});

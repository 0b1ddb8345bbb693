/**
 * A weekly schedule as the API takes it: shop-dev awake Mon–Fri 07:00–20:00
 * Madrid (the default business hours), charged to CC-1001.
 */
export const officeHours = {
  title: 'Office hours',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  cost_center: 'CC-1001',
  zone: 'Europe/Madrid',
  kind: 'weekly',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '07:00',
  to: '20:00',
};

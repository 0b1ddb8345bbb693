/**
 * Amounts in `currency`, in the user's locale: cents, or two significant
 * digits below a tenth (an hour of a small namespace costs fractions of a
 * cent, which would read as 0.00).
 */
export function moneyFormat(currency: string) {
  const cents = new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
  });
  const small = new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    maximumSignificantDigits: 2,
  });
  return (value: number) =>
    value !== 0 && Math.abs(value) < 0.1
      ? small.format(value)
      : cents.format(value);
}

/** The IANA time zone the browser runs in. */
export const browserTimeZone = () =>
  new Intl.DateTimeFormat().resolvedOptions().timeZone;

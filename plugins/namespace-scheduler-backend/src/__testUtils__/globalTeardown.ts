/** Stops the PostgreSQL server the global setup started, if any. */
export default async function globalTeardown() {
  const pg = (globalThis as { __nsPostgres?: { stop(): Promise<void> } })
    .__nsPostgres;
  await pg?.stop();
}

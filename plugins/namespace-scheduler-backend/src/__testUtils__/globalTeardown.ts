type Stoppable = { stop(): Promise<void> };

/** Stops the PostgreSQL server and the Kubernetes control plane the global setup started, if any. */
export default async function globalTeardown() {
  const shared = globalThis as {
    __nsPostgres?: Stoppable;
    __nsKube?: Stoppable;
  };
  await Promise.all([shared.__nsPostgres?.stop(), shared.__nsKube?.stop()]);
}

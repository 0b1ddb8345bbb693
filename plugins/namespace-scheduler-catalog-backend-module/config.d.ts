export interface Config {
  namespaceScheduler?: {
    /**
     * Named holiday calendars, each a list of `YYYY-MM-DD` dates, that a
     * `namespace-scheduler/schedule` entry names with `except
     * holidays:<name>`: its namespaces stay asleep on those dates.
     * @visibility backend
     */
    holidayCalendars?: { [name: string]: string[] };
    /**
     * The cluster of a namespace written without one.
     * @visibility backend
     */
    defaultCluster?: string;
  };
}

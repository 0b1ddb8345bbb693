/** How long a wake or scale up from the dialog waits for its workloads to be ready. */
export const WAIT_FOR_READY_SECONDS = 180;

/** "3 minutes", "1 minute", "90 seconds" */
export function formatWait(seconds: number): string {
  if (seconds % 60 !== 0) return `${seconds} seconds`;
  const minutes = seconds / 60;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

// Waits between retries of something that failed: the first retry at once, then `initialMs`
// doubling up to `maxMs`, so a fault that lasts is retried rarely and one that clears is
// noticed soon.

export interface Backoff {
  /** The wait before the second retry; each further one doubles it. */
  initialMs: number;
  /** The longest wait. */
  maxMs: number;
}

/** The wait before retry number `failures` (1 for the first failure in a row). */
export function backoffDelay(failures: number, backoff: Backoff): number {
  if (failures <= 1) return 0;
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures - 2, 30));
}

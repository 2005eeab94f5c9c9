// Long jobs (parsing a data set, diffing two versions, building an index) are written once,
// as generators that yield between steps, and run two ways: all at once, or in slices that
// give the event loop back, so a large reload never stalls the answers given meanwhile.

/** A job as a sequence of steps; the generator's return value is the job's result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Gives the event loop a turn: timers, I/O and other answers run before the next slice. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs the steps in slices of about `sliceMs` milliseconds, yielding to the event loop
 * between slices. A single step must itself be short; the slice only groups short steps.
 */
export async function runStepsSliced<T>(steps: Steps<T>, sliceMs = 8): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToLoop();
      sliceStart = performance.now();
    }
  }
}

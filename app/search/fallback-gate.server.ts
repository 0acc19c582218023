/*
 * The Postgres fallback is far slower than Meilisearch at scale (seconds at 100k services,
 * bench/), and it is most needed when Meilisearch is slow or down. Left unbounded, a busy
 * Meilisearch that times out sends every search to Postgres at once: the pool fills, every
 * page waits, and the whole app falls over with it (seen in the 100k benchmark under load).
 * So each process runs a few fallback searches at a time; others wait in a short queue, and
 * beyond it are told at once that search is busy (the page says so and shows the hotlines).
 */

/** Raised when the fallback is full: the caller answers 503, never a 500. */
export class SearchBusyError extends Error {
  override readonly name = "SearchBusyError";
  constructor() {
    super("The search fallback is busy");
  }
}

export interface GateLimits {
  /** Fallback searches running at once in this process. */
  slots: number;
  /** Searches waiting for a slot; one more is refused at once. */
  queue: number;
  /** How long a search may wait for a slot before it is refused. */
  maxWaitMs: number;
}

export const FALLBACK_LIMITS: GateLimits = { slots: 2, queue: 16, maxWaitMs: 3_000 };

/** A counting semaphore with a bounded, timed queue. */
export function createGate(limits: GateLimits) {
  let running = 0;
  const waiting: Array<() => void> = [];

  async function acquire(): Promise<void> {
    if (running < limits.slots) {
      running++;
      return;
    }
    if (waiting.length >= limits.queue) throw new SearchBusyError();
    await new Promise<void>((resolve, reject) => {
      const take = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(take), 1);
        reject(new SearchBusyError());
      }, limits.maxWaitMs);
      waiting.push(take);
    });
  }

  function release(): void {
    // The slot passes straight to the next in line, so nobody overtakes the queue.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}

/** The process's gate in front of the Postgres fallback. */
export const fallbackGate = createGate(FALLBACK_LIMITS);

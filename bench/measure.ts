export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function percentiles(samples: number[]): Percentiles {
  if (samples.length === 0) return { n: 0, p50: NaN, p95: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

/** Runs `run` once per item (warm-up), then `rounds` more times, timing each call per item. */
export async function timeEach<T>(
  items: readonly T[],
  rounds: number,
  run: (item: T) => Promise<unknown>,
  options: { warmUp?: boolean } = {},
): Promise<Map<T, number[]>> {
  if (options.warmUp ?? true) for (const item of items) await run(item);
  const samples = new Map<T, number[]>(items.map((item) => [item, []]));
  for (let round = 0; round < rounds; round++) {
    for (const item of items) {
      const started = performance.now();
      await run(item);
      samples.get(item)!.push(performance.now() - started);
    }
  }
  return samples;
}

export const allSamples = (samples: Map<unknown, number[]>) => [...samples.values()].flat();

export const ms = (value: number) =>
  Number.isNaN(value)
    ? "n/a"
    : value >= 1000
      ? `${(value / 1000).toFixed(2)} s`
      : `${value.toFixed(1)} ms`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

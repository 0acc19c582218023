import { describe, expect, it } from "vitest";
import { createGate, SearchBusyError } from "~/search/fallback-gate.server";

/*
 * When Meilisearch is slow or down, the Postgres fallback answers a few searches at a time;
 * the rest wait briefly or hear at once that search is busy, instead of all piling onto the
 * database until every page of the app waits (seen at 100k services under load).
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the gate in front of the search fallback", () => {
  it("runs at most `slots` searches at once and serves the queue in order", async () => {
    const gate = createGate({ slots: 2, queue: 10, maxWaitMs: 5_000 });
    let running = 0;
    let most = 0;
    const finished: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((n) =>
        gate.run(async () => {
          running++;
          most = Math.max(most, running);
          await sleep(20);
          running--;
          finished.push(n);
        }),
      ),
    );
    expect(most).toBe(2);
    expect(finished.slice(2)).toEqual([2, 3, 4, 5]);
    expect(gate.running).toBe(0);
  });

  it("refuses at once beyond the queue, and after the longest wait", async () => {
    const gate = createGate({ slots: 1, queue: 1, maxWaitMs: 50 });
    const slow = gate.run(() => sleep(200));
    const waiting = gate.run(() => sleep(1));
    await expect(gate.run(() => sleep(1))).rejects.toBeInstanceOf(SearchBusyError);
    await expect(waiting).rejects.toBeInstanceOf(SearchBusyError);
    await slow;
    // A failed search frees its slot too.
    await expect(gate.run(() => Promise.reject(new Error("down")))).rejects.toThrow("down");
    await expect(gate.run(async () => "answered")).resolves.toBe("answered");
    expect(gate.running).toBe(0);
    expect(gate.waiting).toBe(0);
  });
});

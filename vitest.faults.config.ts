import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:faults`: faults and scale-out, proven against real services that the tests
 * start, kill and restart themselves (their own Meilisearch or PostgreSQL where one is killed),
 * and against the built app run as separate processes (`npm run build` first). One file at a
 * time: they load the machine on purpose.
 */
export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  test: {
    include: ["tests/faults/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/fail-on-console-error.ts"],
    // Generous: on a busy machine starting an app process alone can take a minute. The time
    // limits that are part of a claim ("within 60 s of its return") are asserted in the tests.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: false,
  },
});

import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.join(os.tmpdir(), `puente-e2e-${port}`);
/**
 * Where the app sends text messages during browser tests: a stand-in SMS provider that
 * tests/e2e/referral-handover.spec.ts starts on this port for its own duration (nothing
 * listens there otherwise, and no other spec sends a text message). Exported to the workers.
 */
const smsPort = Number(process.env.E2E_SMS_PORT ?? port + 50);
process.env.E2E_SMS_PORT = String(smsPort);

// A fresh embedded database and index for every run (only in the runner, not in workers).
if (!process.env.TEST_WORKER_INDEX) rmSync(dataDir, { recursive: true, force: true });

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      // Only meaningful on a phone screen: the phone project runs it.
      testIgnore: /phone-layout\.spec\.ts$/,
    },
    {
      name: "phone",
      use: { ...devices["Pixel 7"], channel: undefined },
      grep: /@phone/,
    },
  ],
  webServer: {
    // The production build with embedded PostgreSQL and Meilisearch, seeded with demo data.
    command: "node --import tsx server/main.ts",
    url: `${baseURL}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      PUENTE_DATA_DIR: dataDir,
      NODE_ENV: "production",
      // Links in emails and on referral slips point where the browser is.
      PUBLIC_URL: baseURL,
      SEARCH_SYNC_INTERVAL_MS: "200",
      SMS_API_URL: `http://127.0.0.1:${smsPort}/messages`,
      SMS_API_TOKEN: "e2e-stand-in",
      SMS_FROM: "+15550001111",
    },
  },
});

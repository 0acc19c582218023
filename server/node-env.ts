/**
 * Sets NODE_ENV before anything else is evaluated: imported first by server/main.ts, because
 * ES module imports run in order and React picks its development or production build when it
 * is first loaded (the seed path reaches react-i18next, and so React, before the app starts).
 * Loaded as development by accident, React made every server render about twice as slow.
 */
const dev = process.argv.includes("--dev");
process.env.NODE_ENV ??= dev ? "development" : "production";

export {};

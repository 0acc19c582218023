/**
 * postgres.js 3.4.9 (the latest release) can throw from a timer when PostgreSQL closes a
 * connection while a small write is still buffered: `nextWrite` runs after `closed()` has set
 * the socket to null, and the TypeError, thrown outside any query, ends the process
 * (porsager/postgres#1154, #1066; fixes proposed in #1168, #1176, #1209, not released).
 * `tests/faults/postgres-restart.test.ts` met it on every restart of PostgreSQL under load.
 *
 * By then `closed()` has already rejected the queries of that connection with
 * CONNECTION_CLOSED, and the pool reconnects on the next query: the buffered write has nobody
 * waiting for it. So exactly this error is logged and ignored; any other uncaught exception
 * still ends the process, as Node does by default. Remove when postgres.js ships the guard.
 */
export function isPostgresClosedSocketWrite(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /reading 'write'/.test(error.message) &&
    /at Immediate\.nextWrite \(.*[/\\]postgres[/\\]src[/\\]connection\.js/.test(error.stack ?? "")
  );
}

export function guardAgainstPostgresClosedSocketWrite(): void {
  process.on("uncaughtException", (error, origin) => {
    if (isPostgresClosedSocketWrite(error)) {
      console.warn("[puente] a PostgreSQL connection closed during a write; the pool reconnects");
      return;
    }
    // What Node does without a handler: print the error and exit with code 1.
    console.error(origin === "unhandledRejection" ? "Unhandled rejection:" : "", error);
    process.exit(1);
  });
}

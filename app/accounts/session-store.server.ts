import { and, eq, gt, lte, or, sql } from "drizzle-orm";
import { organizationMemberships, sessions, users } from "#db/schema";
import { config } from "~/config.server";
import type { DbOrTx } from "~/db.server";
import type { Actor } from "./permissions";
import { hashToken, isWellFormedToken, randomToken } from "./tokens.server";

/**
 * Server-side sessions in Postgres. The browser holds a random token in an HttpOnly cookie;
 * the row's id is its SHA-256. A session ends when it is deleted (logout, sign out everywhere,
 * password change, account disabled), after IDLE_TIMEOUT without a request, or at its
 * absolute expiry, whichever comes first.
 */
export const IDLE_TIMEOUT_MINUTES = 120;
export const ABSOLUTE_TIMEOUT_HOURS = 12;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_INTERVAL_SECONDS = 60;

const idleInterval = sql.raw(`interval '${IDLE_TIMEOUT_MINUTES} minutes'`);

function production(): boolean {
  return config().NODE_ENV === "production";
}

/** `__Host-` pins the cookie to this exact origin over HTTPS (no Domain, Path=/, Secure). */
export function sessionCookieName(): string {
  return production() ? "__Host-puente_session" : "puente_session";
}

function cookieAttributes(): string {
  return `Path=/; HttpOnly; SameSite=Lax${production() ? "; Secure" : ""}`;
}

/** A browser-session cookie: gone when the browser closes; the server enforces the timeouts. */
function sessionCookie(token: string): string {
  return `${sessionCookieName()}=${token}; ${cookieAttributes()}`;
}

export function clearSessionCookie(): string {
  return `${sessionCookieName()}=; ${cookieAttributes()}; Max-Age=0`;
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("Cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** The session token the request carries, if it looks like one of ours. */
export function readSessionToken(request: Request): string | undefined {
  const token = readCookie(request, sessionCookieName());
  return isWellFormedToken(token) ? token : undefined;
}

/** "Firefox (Android)": enough for someone to recognise their own device, no more. */
export function summarizeUserAgent(header: string | null): string | null {
  if (!header) return null;
  const browser =
    [
      [/Edg\//, "Edge"],
      [/OPR\/|Opera/, "Opera"],
      [/SamsungBrowser/, "Samsung Internet"],
      [/Firefox\/|FxiOS/, "Firefox"],
      [/Chrome\/|CriOS/, "Chrome"],
      [/Safari\//, "Safari"],
    ].find(([pattern]) => (pattern as RegExp).test(header))?.[1] ?? "Browser";
  const system =
    [
      [/Android/, "Android"],
      [/iPhone|iPad|iPod/, "iOS"],
      [/Windows/, "Windows"],
      [/CrOS/, "ChromeOS"],
      [/Mac OS X|Macintosh/, "macOS"],
      [/Linux/, "Linux"],
    ].find(([pattern]) => (pattern as RegExp).test(header))?.[1] ?? null;
  return system ? `${browser} (${system})` : (browser as string);
}

/**
 * Opens a new session for a user who just proved who they are, and ends the one the request
 * carried (if any): a fresh id on every sign-in, so a planted cookie is worthless.
 * Returns the Set-Cookie header value.
 */
export async function startSession(
  db: DbOrTx,
  options: { userId: string; request: Request },
): Promise<string> {
  const previous = readSessionToken(options.request);
  if (previous) await db.delete(sessions).where(eq(sessions.id, hashToken(previous)));
  const token = randomToken();
  await db.insert(sessions).values({
    id: hashToken(token),
    userId: options.userId,
    expiresAt: sql`now() + ${sql.raw(`interval '${ABSOLUTE_TIMEOUT_HOURS} hours'`)}`,
    userAgent: summarizeUserAgent(options.request.headers.get("User-Agent")),
  });
  return sessionCookie(token);
}

/** Logout: deletes the request's session. Returns the Set-Cookie header that clears it. */
export async function endSession(db: DbOrTx, request: Request): Promise<string> {
  const token = readSessionToken(request);
  if (token) await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
  return clearSessionCookie();
}

/** Sign out everywhere / account disabled / password changed: every session of the account. */
export async function endAllSessions(db: DbOrTx, userId: string): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return deleted.length;
}

/** Removes sessions past either timeout; run by the accounts housekeeping job. */
export async function deleteExpiredSessions(db: DbOrTx): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(
      or(
        lte(sessions.expiresAt, sql`now()`),
        lte(sessions.lastSeenAt, sql`now() - ${idleInterval}`),
      ),
    )
    .returning({ id: sessions.id });
  return deleted.length;
}

/**
 * The actor behind a session token, or null when the session does not exist, has passed
 * either timeout, or belongs to a disabled account. Extends the idle timeout.
 */
export async function findSessionActor(db: DbOrTx, token: string): Promise<Actor | null> {
  const id = hashToken(token);
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      organizationIds: sql<string[]>`coalesce((
        SELECT array_agg(${organizationMemberships.organizationId}::text ORDER BY ${organizationMemberships.organizationId})
        FROM ${organizationMemberships}
        WHERE ${organizationMemberships.userId} = ${users.id}), '{}')`,
      stale: sql<boolean>`${sessions.lastSeenAt} < now() - ${sql.raw(`interval '${TOUCH_INTERVAL_SECONDS} seconds'`)}`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, id),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - ${idleInterval}`),
        sql`${users.disabledAt} IS NULL`,
      ),
    );
  if (!row) {
    // Past a timeout: forget it now rather than waiting for housekeeping.
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (row.stale) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.id, id));
  }
  return {
    userId: row.userId,
    email: row.email,
    name: row.name,
    role: row.role,
    organizationIds: row.organizationIds,
  };
}

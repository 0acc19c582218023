import fc from "fast-check";
import { sql } from "drizzle-orm";
import type { Database } from "~/db.server";
import { SUPPORTED_LOCALES, type Locale } from "~/i18n/locales";

/**
 * Building blocks of the hostile-input fuzz suite: values that are not what a route expects,
 * bodies of every kind, and a fingerprint of the database to prove a refusal wrote nothing.
 */

/** Fixed so that a failure replays; `FUZZ_SEED=... npx vitest run ...` explores further. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** Cases per route and kind of request: bounded so the suite stays within a few minutes. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 14);

/** Strings that have broken web applications, already in the form they travel in a URL. */
const HOSTILE_RAW = [
  "",
  "%",
  "%ZZ",
  "%C3%28", // not UTF-8
  "%FF%FE%FD",
  "%ED%A0%80", // a lone surrogate, encoded
  "%00",
  "%0D%0ASet-Cookie:%20x=1",
  "%E2%80%AE",
  "..",
  "%2e%2e%2f%2e%2e%2f",
  "%2F%2Fevil.example",
  "%5C%5Cevil.example",
  "'%20OR%20'1'='1",
  "1;%20DROP%20TABLE%20users;--",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "%24%7B7*7%7D",
  "-1",
  "0",
  "1e309",
  "NaN",
  "Infinity",
  "99999999999999999999999",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "null",
  "undefined",
  "__proto__",
  "constructor",
  "true",
  "%u0041",
  "+",
  "%26%3D%23",
  "a".repeat(3000),
  "%F0%9F%98%80".repeat(200),
];

/** A string as it appears in a URL: hostile constants, any Unicode, or raw bytes that are not UTF-8. */
export const urlPiece: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_RAW),
  fc.string({ unit: "binary", maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: "grapheme", maxLength: 20 }).map(encodeURIComponent),
  // Bytes 0x80-0xff sent as they are: a request line that is not UTF-8.
  fc
    .array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 8 })
    .map((codes) => String.fromCharCode(...codes)),
);

/** A value as a form field carries it (decoded): anything at all, sometimes long. */
export const fieldValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(
    "",
    " ",
    "' OR 1=1 --",
    "<img src=x onerror=alert(1)>",
    "\u0000",
    "\ud800",
    "-1",
    "1e309",
    "2026-02-30",
    "9999-12-31",
    "00000000-0000-0000-0000-000000000000",
    "x".repeat(20_000),
    "//evil.example",
    "javascript:alert(1)",
  ),
);

export type Role = "anonymous" | "editor" | "staff";
export const role = fc.constantFrom<Role>("anonymous", "editor", "staff");
export const locale = fc.constantFrom<Locale>(...SUPPORTED_LOCALES);

export type BodyKind =
  | "urlencoded"
  | "urlencoded-bad-bytes"
  | "multipart"
  | "multipart-no-boundary"
  | "multipart-broken"
  | "text"
  | "json"
  | "xml"
  | "none"
  | "garbage-type";

export const bodyKind = fc.constantFrom<BodyKind>(
  "urlencoded",
  "urlencoded",
  "urlencoded-bad-bytes",
  "multipart",
  "multipart-no-boundary",
  "multipart-broken",
  "text",
  "json",
  "xml",
  "none",
  "garbage-type",
);

/** The Content-Type and bytes of a request body of the given kind carrying these fields. */
export function encodeBody(
  kind: BodyKind,
  fields: [string, string][],
): { contentType?: string; body: Buffer } {
  const urlencoded = new URLSearchParams(fields).toString();
  const boundary = "----puente-fuzz-7MA4YWxkTrZu0gW";
  const multipart = () =>
    Buffer.from(
      fields
        .map(
          ([name, value]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, "")}"\r\n\r\n${value}\r\n`,
        )
        .join("") + `--${boundary}--\r\n`,
    );
  switch (kind) {
    case "urlencoded":
      return { contentType: "application/x-www-form-urlencoded", body: Buffer.from(urlencoded) };
    case "urlencoded-bad-bytes":
      return {
        contentType: "application/x-www-form-urlencoded; charset=utf-8",
        body: Buffer.concat([
          Buffer.from(`${urlencoded}&bad=%ZZ%C3%28&`),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x3d, 0x80]),
        ]),
      };
    case "multipart":
      return { contentType: `multipart/form-data; boundary=${boundary}`, body: multipart() };
    case "multipart-no-boundary":
      return { contentType: "multipart/form-data", body: multipart() };
    case "multipart-broken":
      return {
        contentType: `multipart/form-data; boundary=${boundary}`,
        body: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data\r\n\r\n${urlencoded}`),
      };
    case "text":
      return { contentType: "text/plain", body: Buffer.from(urlencoded) };
    case "json":
      return {
        contentType: "application/json",
        body: Buffer.from(JSON.stringify(Object.fromEntries(fields))),
      };
    case "xml":
      return {
        contentType: "application/xml",
        body: Buffer.from(
          `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`,
        ),
      };
    case "none":
      return { body: Buffer.from(urlencoded) };
    case "garbage-type":
      return { contentType: "garbage;;boundary", body: Buffer.from([0, 1, 2, 0xff, 0x80]) };
  }
}

/**
 * Tables a refused request may legitimately write: a failed sign-in is counted (throttling
 * needs it) and a session's last activity is kept current. A form refused with 400 shows its
 * page again, and reading a referral's personal data for it is audited (`*.read` rows).
 */
const WRITTEN_ON_REFUSAL = new Set(["login_attempts", "sessions"]);

/** Row count and checksum of every other table, to compare before and after a request. */
export async function databaseFingerprint(db: Database): Promise<Record<string, string>> {
  const tables = await db.execute<{ name: string }>(
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const names = [...tables].map((row) => row.name).filter((name) => !WRITTEN_ON_REFUSAL.has(name));
  const query = names
    .map(
      (name) =>
        `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS print FROM "${name}" t` +
        (name === "audit_log" ? ` WHERE t.action NOT LIKE '%.read'` : ""),
    )
    .join(" UNION ALL ");
  const rows = await db.execute<{ name: string; print: string }>(sql.raw(query));
  return Object.fromEntries([...rows].map((row) => [row.name, row.print]));
}

/** What must never reach a visitor: a stack, a file path, or an internal error's name. */
export const INTERNAL_DETAIL =
  /\bat [\w$.<>]+ \(|node_modules|\.server\.ts|TypeError|ReferenceError|SyntaxError|RangeError|PostgresError|DrizzleError|Failed query|ECONNREFUSED|Unexpected Server Error/;

/** A body without the module URLs that Vite's development server puts in every page. */
export function withoutModuleUrls(body: string): string {
  return body.replace(/"\/(?:node_modules|app|@fs|@id|@vite)\/[^"]*"/g, '""');
}

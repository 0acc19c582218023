/**
 * Hostile input never gets a 500 (issue 15): every route file in app/routes/, walked over real
 * HTTP with seeded random and hostile URLs and bodies, as anonymous, editor and staff.
 * A failure prints fast-check's seed and path: `FUZZ_SEED=<seed> npx vitest run <this file>`.
 */
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "~/accounts/session-store.server";
import { updateService } from "~/directory/services.server";
import { isLocale, SUPPORTED_LOCALES, type Locale } from "~/i18n/locales";
import { createReferral } from "~/referrals/referrals.server";
import {
  editorOf,
  ensureTaxonomy,
  insertLocation,
  createOrganization,
  insertPhone,
  insertService,
  staffMember,
} from "../support/factories";
import { useTestEnvironment } from "../support/environment";
import {
  bodyKind,
  databaseFingerprint,
  encodeBody,
  fieldValue,
  FUZZ_RUNS,
  FUZZ_SEED,
  INTERNAL_DETAIL,
  locale as anyLocale,
  role as anyRole,
  urlPiece,
  withoutModuleUrls,
  type Role,
} from "../support/fuzz";
import { useHttpServer, type RawResponse } from "../support/http-server";
import { referralInput } from "../support/referral-fixtures";
import { routeFiles, type RouteFile } from "../support/route-files";

process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
const env = useTestEnvironment();
const server = useHttpServer({ mode: "production" });
const ROUTES = routeFiles();

/** Real values for each route parameter, so the fuzz also reaches past "not found". */
const validValues: Record<string, string[]> = {};
const users: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  const { db } = env();
  await ensureTaxonomy(db);
  const organization = await createOrganization(db);
  const service = await insertService(db, organization.id);
  const location = await insertLocation(db, organization.id);
  const phone = await insertPhone(db, organization.id);
  const editor = await editorOf(db, organization.id);
  const staff = await staffMember(db);
  users.editor = editor.userId;
  users.staff = staff.userId;
  const pending = await updateService(db, {
    actor: editor,
    serviceId: service.id,
    changes: { name: "Asylum clinic (proposed)" },
  });
  if (pending.status !== "pending") throw new Error("expected a pending change set");
  const { referralId, slipToken } = await createReferral(db, {
    actor: staff,
    serviceId: service.id,
    referral: referralInput(),
  });
  Object.assign(validValues, {
    lang: SUPPORTED_LOCALES,
    slug: [organization.slug],
    orgId: [organization.id],
    serviceId: [service.id],
    locationId: [location.id],
    phoneId: [phone.id],
    changeSetId: [pending.changeSetId],
    id: [referralId],
    token: [slipToken, randomBytes(32).toString("base64url")],
  });
}, 60_000);

async function cookieFor(role: Role): Promise<string | undefined> {
  const userId = users[role as "editor" | "staff"];
  if (!userId) return undefined;
  const setCookie = await startSession(env().db, {
    userId,
    request: new Request("http://localhost/login"),
  });
  return setCookie.split(";")[0];
}

/** A path for the route with each parameter valid or hostile, and what language it asks for. */
function pathFor(route: RouteFile): fc.Arbitrary<{ path: string; urlLocale: string | null }> {
  const parts = route.segments.map((segment) => {
    if (segment.kind === "static") return fc.constant(segment.value);
    if (segment.kind === "splat") return fc.oneof(urlPiece, fc.constant("no/such/page"));
    const valid = validValues[segment.name];
    if (!valid) return fc.constant(`{missing fixture for :${segment.name}}`);
    const choices = [fc.constantFrom(...valid), fc.constantFrom(...valid), urlPiece];
    return segment.optional ? fc.oneof(fc.constant(null), ...choices) : fc.oneof(...choices);
  });
  return fc.tuple(...parts).map((values) => {
    const langIndex = route.segments.findIndex(
      (segment) => segment.kind === "param" && segment.name === "lang",
    );
    const present = values.filter((value): value is string => value !== null);
    const first = langIndex >= 0 ? values[langIndex] : null;
    return {
      path: "/" + present.join("/"),
      urlLocale: typeof first === "string" ? first : null,
    };
  });
}

/** The URL single fetch uses for a page's data (`/es/login.data`, `/_root.data` for `/`). */
function dataUrl(path: string): string {
  return path === "/" ? "/_root.data" : `${path}.data`;
}

/** Query strings: the parameters the route reads, unknown ones, repeated ones, hostile values. */
function queryFor(route: RouteFile): fc.Arbitrary<string> {
  const names = fc.oneof(
    ...(route.queryParameters.length > 0 ? [fc.constantFrom(...route.queryParameters)] : []),
    fc.constantFrom("_data", "index", "redirectTo", "lang", "page", "utm_source"),
    urlPiece,
  );
  return fc
    .array(fc.tuple(names, fc.oneof(urlPiece, fc.constant(""))), { maxLength: 6 })
    .map((pairs) => (pairs.length ? "?" + pairs.map(([n, v]) => `${n}=${v}`).join("&") : ""));
}

function fieldsFor(route: RouteFile): fc.Arbitrary<[string, string][]> {
  const names = fc.oneof(
    ...(route.formFields.length > 0 ? [fc.constantFrom(...route.formFields)] : []),
    fc.constantFrom("intent", "email", "password", "redirectTo", "_action", "id", "userId"),
    fc.string({ unit: "binary", maxLength: 12 }),
  );
  const intent = route.intents.length
    ? fc.constantFrom(...route.intents).map((value): [string, string] => ["intent", value])
    : fc.constant<[string, string]>(["intent", "save"]);
  return fc
    .tuple(intent, fc.array(fc.tuple(names, fieldValue), { maxLength: 8 }))
    .map(([first, rest]) => [first, ...rest]);
}

/** The language the answer must be in: the URL's when it names one, else Accept-Language. */
function expectedLocale(urlLocale: string | null, accepted: Locale): Locale {
  return isLocale(urlLocale) ? urlLocale : accepted;
}

function assertClean(
  response: RawResponse,
  context: { locale: Locale; localized: boolean; describe: string },
) {
  const where = `${context.describe} → ${response.status}`;
  expect(response.status, where).toBeLessThan(500);
  expect(withoutModuleUrls(response.body), where).not.toMatch(INTERNAL_DETAIL);
  if (response.status < 400) return;
  // Node's HTTP parser refuses a request line or headers it cannot parse (400, 431) before any
  // of our code runs, with no body: nothing is read, nothing is said.
  const fromParser = !response.headers["content-type"] && !response.body;
  if ((response.status === 400 || response.status === 431) && fromParser) return;
  const type = String(response.headers["content-type"] ?? "");
  if (type.includes("application/json")) {
    // An API error ({ error, message, parameters }) or a refusal ({ messageKey, message }).
    const body = JSON.parse(response.body) as {
      error?: unknown;
      messageKey?: unknown;
      message?: unknown;
    };
    expect(typeof (body.error ?? body.messageKey), where).toBe("string");
    expect(typeof body.message, where).toBe("string");
  } else if (type.includes("text/x-script")) {
    // Single fetch's encoding of the page's data and refusal, read by our own client code.
    expect(response.body.length, where).toBeGreaterThan(0);
  } else if (type.includes("text/html") && context.localized) {
    expect(response.body, where).toContain(`<html lang="${context.locale}"`);
  } else {
    expect(response.body.trim().length, where).toBeGreaterThan(0);
  }
}

const localized = (route: RouteFile) =>
  route.segments.some((s) => s.kind === "param" && s.name === "lang");

describe("every route file is walked", () => {
  it("has a fixture for every parameter a route reads", () => {
    const missing = ROUTES.flatMap((route) =>
      route.segments
        .filter((segment) => segment.kind === "param" && !validValues[segment.name])
        .map((segment) => `${route.file} (:${(segment as { name: string }).name})`),
    );
    expect(missing, "add a valid value for these parameters to validValues").toEqual([]);
    expect(ROUTES.length).toBeGreaterThan(30);
  });
});

describe.each(ROUTES.map((route) => [route.pattern, route] as const))(
  "fuzzing %s",
  (_pattern, route) => {
    it(`GET and other methods with hostile paths and query strings (${route.file})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          pathFor(route),
          queryFor(route),
          anyRole,
          anyLocale,
          fc.constantFrom("GET", "GET", "GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"),
          fc.boolean(),
          async ({ path, urlLocale }, query, role, accepted, method, singleFetch) => {
            if (singleFetch) path = dataUrl(path);
            const cookie = await cookieFor(role);
            const before = await databaseFingerprint(env().db);
            const response = await server.send({
              method,
              path: path + query,
              headers: {
                "Accept-Language": accepted,
                ...(cookie ? { Cookie: cookie } : {}),
                ...(method === "GET" || method === "HEAD"
                  ? {}
                  : { Origin: server.base(), "Sec-Fetch-Site": "same-origin" }),
              },
            });
            const describe = `${method} ${path}${query} as ${role}`;
            if (method === "HEAD") {
              expect(response.status, describe).toBeLessThan(500);
              return;
            }
            assertClean(response, {
              locale: expectedLocale(urlLocale, accepted),
              localized: localized(route),
              describe,
            });
            if (response.status >= 400 || method !== "GET") {
              expect(await databaseFingerprint(env().db), describe).toEqual(before);
            }
          },
        ),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
      );
    }, 180_000);

    if (!route.hasAction) return;
    it(`POST with random bodies of every content type (${route.file})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          pathFor(route),
          anyRole,
          anyLocale,
          bodyKind,
          fieldsFor(route),
          async ({ path, urlLocale }, role, accepted, kind, fields) => {
            const cookie = await cookieFor(role);
            const { contentType, body } = encodeBody(kind, fields);
            const before = await databaseFingerprint(env().db);
            const response = await server.send({
              method: "POST",
              path,
              headers: {
                "Accept-Language": accepted,
                Origin: server.base(),
                "Sec-Fetch-Site": "same-origin",
                ...(contentType ? { "Content-Type": contentType } : {}),
                ...(cookie ? { Cookie: cookie } : {}),
              },
              body,
            });
            const describe = `POST ${path} (${kind}: ${JSON.stringify(fields).slice(0, 300)}) as ${role}`;
            assertClean(response, {
              locale: expectedLocale(urlLocale, accepted),
              localized: localized(route),
              describe,
            });
            if (response.status >= 400) {
              expect(await databaseFingerprint(env().db), describe).toEqual(before);
            }
          },
        ),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
      );
    }, 180_000);
  },
);

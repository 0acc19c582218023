import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { referrals } from "#db/schema";
import * as slipRoute from "~/routes/($lang).r.$token";
import * as newRoute from "~/routes/($lang).staff.referrals.new";
import * as detailRoute from "~/routes/($lang).staff.referrals.$id";
import * as dashboardRoute from "~/routes/($lang).staff.referrals._index";
import * as portalRoute from "~/routes/($lang).portal.referrals.$id";
import * as csvRoute from "~/routes/($lang).staff.reports[.]csv";
import { createReferral } from "~/referrals/referrals.server";
import { useTestEnvironment } from "../support/environment";
import {
  editorOf,
  formBody,
  insertOrganizationWithService,
  referralInput,
  requestAs,
  staffActor,
} from "../support/referral-fixtures";

process.env.DATA_ENCRYPTION_KEY = randomBytes(32).toString("base64");
const env = useTestEnvironment();

const staff = staffActor();
let org: Awaited<ReturnType<typeof insertOrganizationWithService>>;
let other: Awaited<ReturnType<typeof insertOrganizationWithService>>;

beforeAll(async () => {
  org = await insertOrganizationWithService(env().db, {
    name: "Sunset Park Immigrant Legal Services",
    spanishApplicationProcess: "Traiga una identificación y sus cartas de inmigración.",
  });
  other = await insertOrganizationWithService(env().db, { name: "Harlem Legal Collective" });
});

/** What a loader or action produced: a Response, data with a status, or plain data. */
async function call(
  work: () => unknown,
): Promise<{ status: number; body: unknown; response?: Response }> {
  let result: unknown;
  try {
    result = await work();
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, body: null, response: result };
  if (
    result &&
    typeof result === "object" &&
    "type" in result &&
    result.type === "DataWithResponseInit"
  ) {
    const wrapped = result as unknown as { data: unknown; init: ResponseInit | null };
    return { status: wrapped.init?.status ?? 200, body: wrapped.data };
  }
  if (result instanceof Error) throw result;
  return { status: 200, body: result };
}

const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
});

describe("the Refer form", () => {
  it("re-renders a refused form with what was typed and a message at the field", async () => {
    const request = await requestAs(
      env().db,
      staff,
      `/en/staff/referrals/new?service=${org.serviceId}`,
      {
        method: "POST",
        body: formBody({
          serviceId: org.serviceId,
          mode: "sent",
          callName: "Wen",
          preferredLanguage: "zh-Hans",
          phone: "347-555-0188",
          needs: ["tps"],
        }),
      },
    );
    const { status, body } = await call(async () => newRoute.action(args(request, { lang: "en" })));
    expect(status).toBe(400);
    const result = (
      body as { result: { initialValue: Record<string, unknown>; error: Record<string, string[]> } }
    ).result;
    expect(result.initialValue).toMatchObject({
      callName: "Wen",
      phone: "347-555-0188",
      needs: "tps",
    });
    expect(result.error.phoneConsent).toEqual(["form.errors.consent"]);
    expect(await env().db.$count(referrals)).toBe(0);
  });

  it("makes the referral and shows the slip link once in the referral page, never in a cookie", async () => {
    const request = await requestAs(
      env().db,
      staff,
      `/es/staff/referrals/new?service=${org.serviceId}`,
      {
        method: "POST",
        body: formBody({
          serviceId: org.serviceId,
          mode: "sent",
          callName: "Wen",
          fullName: "Wen Li Zhang",
          preferredLanguage: "es",
          phone: "347-555-0188",
          phoneConsent: "on",
          needs: ["tps", "work_permits"],
          detained: "on",
          followUpOn: "2031-01-10",
        }),
      },
    );
    const { status, response } = await call(async () =>
      newRoute.action(args(request, { lang: "es" })),
    );
    expect(status).toBe(302);
    const location = response!.headers.get("Location")!;
    expect(location).toMatch(/^\/es\/staff\/referrals\/[0-9a-f-]{36}$/);
    const referralId = location.split("/").at(-1)!;
    const cookies = response!.headers.getSetCookie();
    const flash = JSON.parse(
      Buffer.from(/puente_flash=([^;]+)/.exec(cookies.join("\n"))![1]!, "base64url").toString(),
    ) as { message: string; values?: unknown };
    expect(flash).toEqual({ kind: "success", message: "referrals:flash.sent" });
    for (const cookie of cookies) {
      expect(cookie).not.toMatch(/\/r\/|slip/i);
      expect(decodeURIComponent(cookie)).not.toMatch(/\/r\/|slip/i);
    }
    const [row] = await env().db.select().from(referrals);
    expect(row).toMatchObject({ detained: true, followUpOn: "2031-01-10", status: "sent" });

    // The page the redirect leads to carries the link in its body, once, for its maker only.
    const colleague = staffActor();
    const seenByColleague = await call(async () =>
      detailRoute.loader(
        args(await requestAs(env().db, colleague, location), { lang: "es", id: referralId }),
      ),
    );
    expect((seenByColleague.body as { slipLink: string | null }).slipLink).toBeNull();
    const page = await call(async () =>
      detailRoute.loader(
        args(await requestAs(env().db, staff, location), { lang: "es", id: referralId }),
      ),
    );
    expect(page.status).toBe(200);
    expect(page.response).toBeUndefined();
    const slipLink = (page.body as { slipLink: string | null }).slipLink!;
    expect(slipLink).toMatch(/^http:\/\/localhost(:\d+)?\/r\/[A-Za-z0-9_-]{22}$/);
    const again = await call(async () =>
      detailRoute.loader(
        args(await requestAs(env().db, staff, location), { lang: "es", id: referralId }),
      ),
    );
    expect((again.body as { slipLink: string | null }).slipLink).toBeNull();

    // The link shown is the one that works.
    const token = slipLink.split("/").at(-1)!;
    const slip = await call(async () =>
      slipRoute.loader(
        args(await requestAs(env().db, null, `/es/r/${token}`), { lang: "es", token }),
      ),
    );
    expect(slip.status).toBe(200);
  });

  it("makes a new slip link without putting it in a cookie, and shows it once on the page", async () => {
    const { referralId, slipToken: first } = await createReferral(env().db, {
      actor: staff,
      serviceId: org.serviceId,
      referral: referralInput(),
    });
    const path = `/en/staff/referrals/${referralId}`;
    const { status, response } = await call(async () =>
      detailRoute.action(
        args(
          await requestAs(env().db, staff, path, {
            method: "POST",
            body: formBody({ intent: "newSlip" }),
          }),
          { lang: "en", id: referralId },
        ),
      ),
    );
    expect(status).toBe(302);
    for (const cookie of response!.headers.getSetCookie()) {
      expect(decodeURIComponent(cookie)).not.toMatch(/\/r\/|slip/i);
    }
    const page = await call(async () =>
      detailRoute.loader(
        args(await requestAs(env().db, staff, path), { lang: "en", id: referralId }),
      ),
    );
    const slipLink = (page.body as { slipLink: string | null }).slipLink!;
    expect(slipLink).toMatch(/\/r\/[A-Za-z0-9_-]{22}$/);
    expect(slipLink).not.toContain(first);
    const old = await call(async () =>
      slipRoute.loader(
        args(await requestAs(env().db, null, `/en/r/${first}`), { lang: "en", token: first }),
      ),
    );
    expect(old.status).toBe(404);
  });

  it("sends people without an account to sign in", async () => {
    const { status, response } = await call(async () =>
      newRoute.loader(
        args(await requestAs(env().db, null, `/staff/referrals/new?service=${org.serviceId}`)),
      ),
    );
    expect(status).toBe(302);
    expect(response!.headers.get("Location")).toMatch(/^\/en\/login\?redirectTo=/);
  });
});

describe("the slip page", () => {
  it("opens in the person's language and shows no personal data beyond the first name", async () => {
    const { slipToken } = await createReferral(env().db, {
      actor: staff,
      serviceId: org.serviceId,
      referral: referralInput({ preferredLanguage: "es" }),
    });
    const redirected = await call(async () =>
      slipRoute.loader(
        args(await requestAs(env().db, null, `/r/${slipToken}`), { token: slipToken }),
      ),
    );
    expect(redirected.status).toBe(302);
    expect(redirected.response!.headers.get("Location")).toBe(`/es/r/${slipToken}`);

    const page = await call(async () =>
      slipRoute.loader(
        args(await requestAs(env().db, null, `/es/r/${slipToken}`), {
          lang: "es",
          token: slipToken,
        }),
      ),
    );
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.body);
    expect(text).toContain("Marisol");
    expect(text).toContain("Sunset Park Immigrant Legal Services");
    expect(text).toContain("Traiga una identificación y sus cartas de inmigración.");
    for (const secret of [
      "Quispe",
      "917-555-0142",
      "marisol.q@example.net",
      "2031-03-14",
      "Peru",
      "asylum",
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('records "I could not reach them" without an account and thanks the person', async () => {
    const { referralId, slipToken } = await createReferral(env().db, {
      actor: staff,
      serviceId: org.serviceId,
      referral: referralInput(),
    });
    const { status, response } = await call(async () =>
      slipRoute.action(
        args(
          await requestAs(env().db, null, `/es/r/${slipToken}`, {
            method: "POST",
            body: formBody({ response: "could_not_reach" }),
          }),
          { lang: "es", token: slipToken },
        ),
      ),
    );
    expect(status).toBe(303);
    expect(response!.headers.get("Location")).toBe(
      `/es/r/${slipToken}?answer=recorded&response=could_not_reach`,
    );
    const dashboard = await call(async () =>
      dashboardRoute.loader(
        args(await requestAs(env().db, staff, "/staff/referrals?view=needs_match")),
      ),
    );
    const items = (dashboard.body as { items: { id: string }[] }).items;
    expect(items.map((item) => item.id)).toContain(referralId);
  });

  it("answers an unknown link with a friendly page and a 404", async () => {
    const token = "x".repeat(22);
    const { status, body } = await call(async () =>
      slipRoute.loader(
        args(await requestAs(env().db, null, `/en/r/${token}`), { lang: "en", token }),
      ),
    );
    expect(status).toBe(404);
    expect(body).toMatchObject({ result: { kind: "not_found" } });
  });
});

describe("reading a referral through the pages", () => {
  it("shows it to the receiving organization's editor and hides it from another's", async () => {
    const { referralId } = await createReferral(env().db, {
      actor: staff,
      serviceId: org.serviceId,
      referral: referralInput(),
    });
    const own = await call(async () =>
      portalRoute.loader(
        args(
          await requestAs(
            env().db,
            editorOf(org.organizationId),
            `/portal/referrals/${referralId}`,
          ),
          {
            id: referralId,
          },
        ),
      ),
    );
    expect(own.status).toBe(200);
    const stranger = await call(async () =>
      portalRoute.loader(
        args(
          await requestAs(
            env().db,
            editorOf(other.organizationId),
            `/portal/referrals/${referralId}`,
          ),
          {
            id: referralId,
          },
        ),
      ),
    );
    expect(stranger.status).toBe(404);
    expect(JSON.stringify(stranger.body)).not.toContain("Marisol");
    const garbage = await call(async () =>
      detailRoute.loader(
        args(await requestAs(env().db, staff, "/staff/referrals/nope"), { id: "nope" }),
      ),
    );
    expect(garbage.status).toBe(404);
  });

  it("keeps a refused transition on the page with a translated message", async () => {
    const { referralId } = await createReferral(env().db, {
      actor: staff,
      serviceId: org.serviceId,
      referral: referralInput(),
    });
    const { status, body } = await call(async () =>
      portalRoute.action(
        args(
          await requestAs(
            env().db,
            editorOf(org.organizationId),
            `/portal/referrals/${referralId}`,
            {
              method: "POST",
              body: formBody({ intent: "transition", to: "served", note: "Seen on Monday" }),
            },
          ),
          { id: referralId },
        ),
      ),
    );
    expect(status).toBe(409);
    const result = (body as { result: { error: Record<string, string[]>; initialValue: unknown } })
      .result;
    expect(result.error[""]).toEqual(["errors.invalidTransition"]);
    expect(result.initialValue).toMatchObject({ note: "Seen on Monday" });
  });
});

describe("the CSV export", () => {
  it("downloads the report as CSV for staff only", async () => {
    const csv = await call(async () =>
      csvRoute.loader(
        args(await requestAs(env().db, staff, "/es/staff/reports.csv"), { lang: "es" }),
      ),
    );
    expect(csv.status).toBe(200);
    expect(csv.response!.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await csv.response!.text();
    expect(text).toContain("Sección,Código,Etiqueta,Valor");
    expect(text).toContain("Necesidad,asylum,Asilo,");
    expect(text).not.toContain("Marisol");
    const refused = await call(async () =>
      csvRoute.loader(
        args(await requestAs(env().db, editorOf(org.organizationId), "/staff/reports.csv")),
      ),
    );
    expect(refused.status).toBe(403);
  });
});

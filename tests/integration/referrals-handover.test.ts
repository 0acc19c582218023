import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, mailOutbox, referralEvents, referrals } from "#db/schema";
import { resetConfigCache } from "~/config.server";
import { DomainError } from "~/http/errors";
import * as detailRoute from "~/routes/($lang).staff.referrals.$id";
import * as dashboardRoute from "~/routes/($lang).staff.referrals._index";
import {
  findReferrals,
  lookupQuery,
  sendSlipLink,
  type SlipChannel,
} from "~/referrals/handover.server";
import {
  blindIndex,
  lookupKey,
  newReferenceCode,
  parseReferenceCode,
  REFERENCE_ALPHABET,
} from "~/referrals/lookup.server";
import { purgeExpiredPersonalData } from "~/referrals/retention.server";
import {
  assignReferenceCode,
  createReferral,
  getReferral,
  transitionReferral,
} from "~/referrals/referrals.server";
import { qrCodePath } from "~/referrals/qr.server";
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

/**
 * A real HTTP server standing in for the SMS provider: it records what it is sent and answers
 * with the status the test asks for.
 */
interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}
const received: Received[] = [];
let providerStatus = 200;
let provider: Server;

beforeAll(async () => {
  provider = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        headers: request.headers,
        body: JSON.parse(raw),
      });
      response.writeHead(providerStatus, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ id: `msg-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  const { port } = provider.address() as AddressInfo;
  process.env.SMS_API_URL = `http://127.0.0.1:${port}/messages`;
  process.env.SMS_API_TOKEN = "stand-in-token";
  process.env.SMS_FROM = "+15550001111";
  resetConfigCache();
});

afterAll(async () => {
  await new Promise<void>((resolve) => provider.close(() => resolve()));
});

const staff = staffActor();
let org: Awaited<ReturnType<typeof insertOrganizationWithService>>;

beforeAll(async () => {
  org = await insertOrganizationWithService(env().db, { name: "Jackson Heights Legal Clinic" });
});

async function refer(overrides: Parameters<typeof referralInput>[0] = {}) {
  return createReferral(env().db, {
    actor: staff,
    serviceId: org.serviceId,
    referral: referralInput(overrides),
  });
}

async function rowOf(referralId: string) {
  const [row] = await env().db.select().from(referrals).where(eq(referrals.id, referralId));
  return row!;
}

async function sendEvents(referralId: string) {
  return env()
    .db.select()
    .from(referralEvents)
    .where(and(eq(referralEvents.referralId, referralId)))
    .then((rows) => rows.filter((row) => row.kind !== "status"));
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("reference codes", () => {
  it("are 8 characters without look-alikes, shown grouped, and different for every referral", async () => {
    const codes = new Set<string>();
    for (let index = 0; index < 12; index++) {
      const { referralId } = await refer({ phone: undefined, phoneConsent: false });
      const row = await rowOf(referralId);
      expect(row.referenceCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{8}$/);
      expect(row.referenceCode).not.toMatch(/[01ILOU]/);
      codes.add(row.referenceCode!);
      const detail = await getReferral(env().db, { actor: staff, referralId });
      expect(detail.referenceCode).toBe(
        `${row.referenceCode!.slice(0, 4)}-${row.referenceCode!.slice(4)}`,
      );
    }
    expect(codes.size).toBe(12);
    for (let index = 0; index < 2000; index++) {
      expect([...newReferenceCode()].every((char) => REFERENCE_ALPHABET.includes(char))).toBe(true);
    }
  });

  it("draws again when a code is already taken", async () => {
    const first = await refer();
    const taken = (await rowOf(first.referralId)).referenceCode!;
    const second = await refer();
    const draws = [taken, taken, "K7MQ3XTP"];
    const code = await env().db.transaction((tx) =>
      assignReferenceCode(tx, second.referralId, () => draws.shift()!),
    );
    expect(code).toBe("K7MQ3XTP");
    expect(draws).toEqual([]);
    expect((await rowOf(second.referralId)).referenceCode).toBe("K7MQ3XTP");
    // The unique constraint itself refuses a duplicate.
    await expect(
      env()
        .db.update(referrals)
        .set({ referenceCode: taken })
        .where(eq(referrals.id, second.referralId)),
    ).rejects.toThrow();
  });

  it("are given to referrals made before codes existed by the migration, one per row", async () => {
    const made = [await refer(), await refer(), await refer()].map((created) => created.referralId);
    await env()
      .db.update(referrals)
      .set({ referenceCode: null })
      .where(inArray(referrals.id, made));
    const migration = readFileSync("db/migrations/0009_referral_handover.sql", "utf8");
    const backfill = migration.slice(migration.indexOf('UPDATE "referrals"'));
    await env().db.execute(sql.raw(backfill));
    const codes = await env()
      .db.select({ code: referrals.referenceCode })
      .from(referrals)
      .where(inArray(referrals.id, made));
    expect(codes.every(({ code }) => /^[2-9A-HJKMNP-TV-Z]{8}$/.test(code ?? ""))).toBe(true);
    expect(new Set(codes.map(({ code }) => code)).size).toBe(3);
  });

  it("are read however they are typed or read out", () => {
    expect(parseReferenceCode("k7mq-3xtp")).toBe("K7MQ3XTP");
    expect(parseReferenceCode(" K7MQ 3XTP ")).toBe("K7MQ3XTP");
    expect(parseReferenceCode("K7MQ-3XT")).toBeNull();
    expect(parseReferenceCode("K7MO-3XTP")).toBeNull(); // O is not in the alphabet
    expect(lookupQuery("k7mq-3xtp")).toEqual({ by: "code", value: "K7MQ3XTP" });
    expect(lookupQuery("(917) 555-0142")).toEqual({ by: "phone", value: "(917) 555-0142" });
    expect(lookupQuery("Someone@Example.net")).toEqual({
      by: "email",
      value: "Someone@Example.net",
    });
    expect(lookupQuery("asylum")).toBeNull();
  });
});

describe("QR code", () => {
  it("is drawn on the server as one SVG path", () => {
    const qr = qrCodePath("http://localhost:3000/r/abcdefghijklmnopqrstuv");
    expect(qr.size).toBeGreaterThanOrEqual(21 + 4);
    expect(qr.path).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
  });
});

describe("the blind index of phone and email", () => {
  it("gives the same index for the same number however written, another for another key", () => {
    const key = randomBytes(32);
    const other = randomBytes(32);
    const a = blindIndex(key, "phone", "917-555-0142");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(key, "phone", "(917) 555 0142")).toBe(a);
    expect(blindIndex(key, "phone", "+1 917 555 0142")).toBe(a);
    expect(blindIndex(key, "phone", "917-555-0143")).not.toBe(a);
    expect(blindIndex(other, "phone", "917-555-0142")).not.toBe(a);
    expect(blindIndex(key, "email", " Marisol.Q@Example.net ")).toBe(
      blindIndex(key, "email", "marisol.q@example.net"),
    );
    expect(blindIndex(other, "email", "marisol.q@example.net")).not.toBe(
      blindIndex(key, "email", "marisol.q@example.net"),
    );
  });

  it("is stored with the referral, without the plaintext, and purged with the personal data", async () => {
    const { referralId } = await refer({ phone: "(718) 555-0199", email: "Ana.Ruiz@Example.org" });
    const row = await rowOf(referralId);
    const key = lookupKey()!;
    expect(row.phoneLookup).toBe(blindIndex(key, "phone", "+17185550199"));
    expect(row.emailLookup).toBe(blindIndex(key, "email", "ana.ruiz@example.org"));
    const stored = JSON.stringify(row);
    for (const clear of ["555-0199", "5550199", "ana.ruiz", "Ana.Ruiz"]) {
      expect(stored).not.toContain(clear);
    }

    const byPhone = await findReferrals(env().db, {
      actor: staff,
      by: "phone",
      value: "718 555 0199",
    });
    expect(byPhone.map((found) => found.id)).toContain(referralId);

    await transitionReferral(env().db, {
      actor: staff,
      referralId,
      to: "closed",
      outcome: "no_longer_needed",
    });
    const later = new Date(Date.now() + 400 * 86_400_000);
    await purgeExpiredPersonalData(env().db, later, 90);
    const purged = await rowOf(referralId);
    expect(purged.purgedAt).not.toBeNull();
    expect(purged.phoneLookup).toBeNull();
    expect(purged.emailLookup).toBeNull();
    const after = await findReferrals(env().db, {
      actor: staff,
      by: "phone",
      value: "718 555 0199",
    });
    expect(after.map((found) => found.id)).not.toContain(referralId);
    // The reference code names nobody: it still finds the referral.
    const byCode = await findReferrals(env().db, {
      actor: staff,
      by: "code",
      value: purged.referenceCode!,
    });
    expect(byCode.map((found) => found.id)).toEqual([referralId]);
  });
});

describe("sending the slip link", () => {
  it("queues an email to the person, with the link and code, on the timeline without the address", async () => {
    const { referralId, slipToken } = await refer({ email: "rosa.q@example.org" });
    const before = await env()
      .db.select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, "rosa.q@example.org"));
    const outcome = await sendSlipLink(env().db, {
      actor: staff,
      referralId,
      channel: "email",
      token: slipToken,
    });
    expect(outcome).toBe("queued");
    const mails = await env()
      .db.select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, "rosa.q@example.org"));
    expect(mails.length).toBe(before.length + 1);
    const mail = mails.at(-1)!;
    const row = await rowOf(referralId);
    expect(mail.text).toContain(`/r/${slipToken}`);
    expect(mail.text).toContain(`${row.referenceCode!.slice(0, 4)}-${row.referenceCode!.slice(4)}`);
    // In the person's language (Spanish, from the referral), and no details of the case.
    expect(mail.subject).toBe("Su hoja de derivación");
    expect(mail.text).not.toContain("Marisol Quispe");
    expect(mail.credentialExpiresAt?.getTime()).toBe(row.slipExpiresAt!.getTime());

    const events = await sendEvents(referralId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "slip_email",
      delivery: "queued",
      actorKind: "staff",
      actorUserId: staff.userId,
      note: null,
    });
    expect(JSON.stringify(events)).not.toContain("rosa.q");
    const detail = await getReferral(env().db, { actor: staff, referralId });
    expect(detail.timeline.at(-1)).toMatchObject({ kind: "slip_email", delivery: "queued" });
  });

  it("delivers a text message to the provider with the number in E.164 and the link", async () => {
    providerStatus = 200;
    const { referralId, slipToken } = await refer({
      phone: "(646) 555-0123",
      preferredLanguage: "en",
    });
    received.length = 0;
    const outcome = await sendSlipLink(env().db, {
      actor: staff,
      referralId,
      channel: "sms",
      token: slipToken,
    });
    expect(outcome).toBe("sent");
    expect(received).toHaveLength(1);
    const [message] = received;
    const code = (await rowOf(referralId)).referenceCode!;
    expect(message!.method).toBe("POST");
    expect(message!.headers.authorization).toBe("Bearer stand-in-token");
    expect(message!.headers["content-type"]).toBe("application/json");
    expect(message!.body).toEqual({
      from: "+15550001111",
      to: "+16465550123",
      text: `Your referral slip: http://localhost:3000/r/${slipToken} Reference code: ${code.slice(0, 4)}-${code.slice(4)}`,
    });
    const events = await sendEvents(referralId);
    expect(events).toMatchObject([{ kind: "slip_sms", delivery: "sent", code: null }]);
    expect(JSON.stringify(events)).not.toMatch(/555.?0123|6465550123/);
  });

  it("records a failed text message when the provider refuses it", async () => {
    providerStatus = 503;
    const { referralId, slipToken } = await refer();
    const outcome = await sendSlipLink(env().db, {
      actor: staff,
      referralId,
      channel: "sms",
      token: slipToken,
    });
    providerStatus = 200;
    expect(outcome).toBe("failed");
    expect(await sendEvents(referralId)).toMatchObject([
      { kind: "slip_sms", delivery: "failed", code: "http_503" },
    ]);
  });

  it("is refused without consent for that channel, and nothing is sent or recorded", async () => {
    const { referralId, slipToken } = await refer({
      email: undefined,
      emailConsent: false,
      phone: undefined,
      phoneConsent: false,
    });
    received.length = 0;
    const mailsBefore = (await env().db.select().from(mailOutbox)).length;
    for (const channel of ["email", "sms"] as SlipChannel[]) {
      const error = await refusal(
        sendSlipLink(env().db, { actor: staff, referralId, channel, token: slipToken }),
      );
      expect(error.status).toBe(400);
      expect(error.messageKey).toBe(
        channel === "email" ? "send.errors.noEmailConsent" : "send.errors.noPhoneConsent",
      );
    }
    expect(received).toHaveLength(0);
    expect((await env().db.select().from(mailOutbox)).length).toBe(mailsBefore);
    expect(await sendEvents(referralId)).toEqual([]);
    const detail = await getReferral(env().db, { actor: staff, referralId });
    expect(detail.canSend).toEqual({ email: false, sms: false });
  });

  it("is refused with a link that is not the current one, and to editors", async () => {
    const { referralId, slipToken } = await refer();
    const wrong = await refusal(
      sendSlipLink(env().db, {
        actor: staff,
        referralId,
        channel: "email",
        token: randomBytes(16).toString("base64url"),
      }),
    );
    expect(wrong.messageKey).toBe("send.errors.slipChanged");
    const editor = await refusal(
      sendSlipLink(env().db, {
        actor: editorOf(org.organizationId),
        referralId,
        channel: "email",
        token: slipToken,
      }),
    );
    expect(editor.status).toBe(403);
    expect(await sendEvents(referralId)).toEqual([]);
  });

  it("is an action of the staff referral page, which keeps the link on screen", async () => {
    const { referralId, slipToken } = await refer();
    const request = await requestAs(env().db, staff, `/en/staff/referrals/${referralId}`, {
      method: "POST",
      body: formBody({ intent: "sendSlip", channel: "sms", token: slipToken }),
    });
    const result = (await detailRoute.action({
      request,
      params: { lang: "en", id: referralId },
      context: {},
    })) as unknown as { data: { send: { outcome: string }; slip: { link: string } } };
    expect(result.data.send.outcome).toBe("sent");
    expect(result.data.slip.link).toContain(`/r/${slipToken}`);

    // A link that is no longer the current one is refused, and not shown again.
    const stale = await requestAs(env().db, staff, `/en/staff/referrals/${referralId}`, {
      method: "POST",
      body: formBody({
        intent: "sendSlip",
        channel: "email",
        token: randomBytes(16).toString("base64url"),
      }),
    });
    const refusedStale = (await detailRoute.action({
      request: stale,
      params: { lang: "en", id: referralId },
      context: {},
    })) as unknown as {
      data: { send: { error: string }; slip: unknown };
      init: { status: number };
    };
    expect(refusedStale.init.status).toBe(409);
    expect(refusedStale.data).toEqual({
      intent: "sendSlip",
      send: { error: "send.errors.slipChanged" },
      slip: null,
    });

    const stranger = editorOf(org.organizationId);
    const refused = await requestAs(env().db, stranger, `/en/staff/referrals/${referralId}`, {
      method: "POST",
      body: formBody({ intent: "sendSlip", channel: "sms", token: slipToken }),
    });
    const thrown = await detailRoute
      .action({ request: refused, params: { lang: "en", id: referralId }, context: {} })
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(thrown).toBeInstanceOf(Response);
    expect([403, 404]).toContain((thrown as Response).status);
    expect(await sendEvents(referralId)).toHaveLength(1);
  });
});

describe("call-back lookup", () => {
  it("finds a referral by code, by phone however written and by email, for staff only", async () => {
    const { referralId } = await refer({ phone: "347-555-0177", email: "w.chen@example.com" });
    const code = (await rowOf(referralId)).referenceCode!;
    const ids = async (by: "code" | "phone" | "email", value: string) =>
      (await findReferrals(env().db, { actor: staff, by, value })).map((found) => found.id);
    expect(await ids("code", `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`)).toEqual([
      referralId,
    ]);
    expect(await ids("phone", "+1 (347) 555-0177")).toContain(referralId);
    expect(await ids("email", "W.Chen@Example.com ")).toContain(referralId);
    expect(await ids("phone", "347-555-0178")).not.toContain(referralId);

    const editor = await refusal(
      findReferrals(env().db, { actor: editorOf(org.organizationId), by: "code", value: code }),
    );
    expect(editor.status).toBe(403);

    // The audit log says a lookup happened, never what was looked up.
    const audits = await env()
      .db.select()
      .from(auditLog)
      .where(eq(auditLog.action, "referral.lookup"));
    expect(audits.length).toBeGreaterThan(0);
    expect(JSON.stringify(audits)).not.toMatch(/555-?0177|w\.chen/i);
  });

  it("works from the staff referrals page, re-rendering a value it cannot read with a message", async () => {
    const { referralId } = await refer({ phone: "212-555-0166" });
    const post = async (query: string) => {
      const request = await requestAs(env().db, staff, "/en/staff/referrals", {
        method: "POST",
        body: formBody({ intent: "lookup", query }),
      });
      const result = await dashboardRoute.action({ request, params: { lang: "en" }, context: {} });
      return result as unknown as {
        data?: { result: { initialValue: { query: string }; error: Record<string, string[]> } };
        init?: { status: number };
        found?: { id: string }[];
      };
    };
    const found = await post("(212) 555-0166");
    expect(found.found?.map((item) => item.id)).toContain(referralId);

    const bad = await post("asylum in Queens");
    expect(bad.init?.status).toBe(400);
    expect(bad.data?.result.initialValue.query).toBe("asylum in Queens");
    expect(bad.data?.result.error.query).toEqual(["lookup.errors.unrecognised"]);
  });
});

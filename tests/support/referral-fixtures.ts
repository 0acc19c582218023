import { randomUUID } from "node:crypto";
import {
  locations,
  organizationMemberships,
  organizations,
  phones,
  schedules,
  serviceAtLocation,
  services,
  serviceTranslations,
  users,
} from "#db/schema";
import type { Actor } from "~/accounts/permissions";
import { startSession } from "~/accounts/sessions.server";
import type { Database } from "~/db.server";
import type { NewReferral } from "~/referrals/referrals.server";

/** A published organization with one active service at one location, phones and hours. */
export async function insertOrganizationWithService(
  db: Database,
  options: {
    name: string;
    slug?: string;
    serviceName?: string;
    confidential?: boolean;
    applicationProcess?: string;
    spanishApplicationProcess?: string;
    county?: string;
    /**
     * An active editor account, so referrals can be "sent" to its portal inbox (default);
     * false for an organization that can only be phoned (or reached by its intake email).
     */
    editor?: boolean;
    intakeEmail?: string;
  },
): Promise<{ organizationId: string; serviceId: string; locationId: string }> {
  const slug = options.slug ?? options.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const [organization] = await db
    .insert(organizations)
    .values({
      slug,
      name: options.name,
      status: "published",
      email: `intake@${slug}.example`,
      intakeEmail: options.intakeEmail ?? null,
    })
    .returning({ id: organizations.id });
  const organizationId = organization!.id;
  if (options.editor ?? true) {
    const [editor] = await db
      .insert(users)
      .values({
        email: `editor-${randomUUID().slice(0, 8)}@${slug}.example`,
        name: "Member Editor",
        role: "org_editor",
        passwordHash: "not-a-real-hash",
      })
      .returning({ id: users.id });
    await db.insert(organizationMemberships).values({ userId: editor!.id, organizationId });
  }
  const [service] = await db
    .insert(services)
    .values({
      organizationId,
      name: options.serviceName ?? `${options.name} legal clinic`,
      status: "active",
      applicationProcess:
        options.applicationProcess ?? "Bring any letters from immigration and an ID.",
    })
    .returning({ id: services.id });
  const serviceId = service!.id;
  if (options.spanishApplicationProcess) {
    await db.insert(serviceTranslations).values({
      serviceId,
      locale: "es",
      applicationProcess: options.spanishApplicationProcess,
    });
  }
  const [location] = await db
    .insert(locations)
    .values({
      organizationId,
      name: "Main office",
      address1: "123 Roosevelt Avenue",
      city: "Queens",
      county: options.county ?? "36081",
      postalCode: "11368",
      confidential: options.confidential ?? false,
    })
    .returning({ id: locations.id });
  const locationId = location!.id;
  await db.insert(serviceAtLocation).values({ serviceId, locationId });
  await db.insert(phones).values([
    { organizationId, serviceId, number: "718-555-0100", description: "Intake line" },
    { organizationId, number: "718-555-0199", type: "fax" },
  ]);
  await db.insert(schedules).values([
    { serviceId, weekday: 1, opensAt: "09:00", closesAt: "17:00" },
    { serviceId, weekday: 3, opensAt: "10:00", closesAt: "14:00" },
  ]);
  return { organizationId, serviceId, locationId };
}

export function staffActor(): Actor {
  return {
    userId: randomUUID(),
    email: `staff-${randomUUID()}@coalition.example`,
    name: "Coalition Staff",
    role: "staff",
    organizationIds: [],
  };
}

export function editorOf(...organizationIds: string[]): Actor {
  return {
    userId: randomUUID(),
    email: `editor-${randomUUID()}@member.example`,
    name: "Member Editor",
    role: "org_editor",
    organizationIds,
  };
}

/** A referral form as staff fill it in, with personal data easy to search for. */
export function referralInput(overrides: Partial<NewReferral> = {}): NewReferral {
  return {
    mode: "sent",
    callName: "Marisol",
    fullName: "Marisol Quispe Huamán",
    preferredLanguage: "es",
    phone: "917-555-0142",
    phoneConsent: true,
    email: "marisol.q@example.net",
    emailConsent: true,
    needs: ["asylum", "work_permits"],
    detained: false,
    courtDate: "2031-03-14",
    deadline: undefined,
    county: "36081",
    notes: "Fled Peru in 2023; asylum clock is running.",
    followUpOn: undefined,
    ...overrides,
  };
}

/**
 * A request made by `actor`. Uses the sessions placeholder's header (app/accounts/
 * sessions.server.ts, never honoured in production); when the accounts branch is merged, this
 * helper is the one place to change (sign the actor in and send the session cookie).
 */
/**
 * A request from a signed-in person: makes sure the actor exists as an account (with its
 * memberships), starts a real session and sends its cookie, as a browser would.
 */
export async function requestAs(
  db: Database,
  actor: Actor | null,
  url: string,
  init: RequestInit = {},
): Promise<Request> {
  const headers = new Headers(init.headers);
  if (actor) {
    await db
      .insert(users)
      .values({
        id: actor.userId,
        email: actor.email,
        name: actor.name,
        role: actor.role,
        passwordHash: "not-a-real-hash",
      })
      .onConflictDoNothing();
    if (actor.organizationIds.length) {
      await db
        .insert(organizationMemberships)
        .values(
          actor.organizationIds.map((organizationId) => ({ userId: actor.userId, organizationId })),
        )
        .onConflictDoNothing();
    }
    const setCookie = await startSession(db, {
      userId: actor.userId,
      request: new Request("http://localhost/login"),
    });
    headers.set(
      "Cookie",
      [headers.get("Cookie"), setCookie.split(";")[0]].filter(Boolean).join("; "),
    );
  }
  if (init.method && init.method !== "GET") headers.set("Origin", "http://localhost");
  return new Request(new URL(url, "http://localhost"), { ...init, headers });
}

export function formBody(values: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  return body;
}

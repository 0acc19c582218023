import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { authTokens, organizationMemberships, organizations } from "#db/schema";
import type { DbOrTx } from "~/db.server";
import { publicUrl } from "~/http/public-url.server";
import { localePath, type Locale } from "~/i18n/locales";
import { queueMail } from "~/mail/mail.server";
import { invitationMail, membershipAddedMail } from "./emails.server";
import { checkPasswordPolicy, type PasswordProblem } from "./passwords.server";
import { can, type Actor } from "./permissions";
import { startSession } from "./session-store.server";
import { normalizeEmail } from "./throttle.server";
import { hashToken, isWellFormedToken, randomToken } from "./tokens.server";
import { createUser, findUserByEmail } from "./users.server";
import { forbidden } from "~/http/errors";

export const INVITATION_TTL_DAYS = 7;

export type InviteResult =
  { status: "invited" } | { status: "added" } | { status: "unknownOrganization" };

/**
 * Staff invite a person to edit an organization's listing. A new email gets a single-use link
 * (valid 7 days) to choose a name and password; an existing account is made an editor of the
 * organization at once and told so by email.
 */
export async function inviteEditor(
  db: DbOrTx,
  input: {
    actor: Actor;
    email: string;
    organizationId: string;
    locale: Locale;
  },
): Promise<InviteResult> {
  if (!can(input.actor, "create", "user")) throw forbidden();
  const email = normalizeEmail(input.email);
  const [organization] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId));
  if (!organization) return { status: "unknownOrganization" };

  const existing = await findUserByEmail(db, email);
  if (existing) {
    await db.transaction(async (tx) => {
      await tx
        .insert(organizationMemberships)
        .values({ userId: existing.id, organizationId: organization.id })
        .onConflictDoNothing();
      await queueMail(
        tx,
        membershipAddedMail(input.locale, {
          to: existing.email,
          name: existing.name,
          organizationName: organization.name,
          link: publicUrl(localePath(input.locale, "/login")),
        }),
      );
    });
    return { status: "added" };
  }

  const token = randomToken();
  const expiresAt = sql`now() + ${sql.raw(`interval '${INVITATION_TTL_DAYS} days'`)}`;
  await db.transaction(async (tx) => {
    await tx.insert(authTokens).values({
      tokenHash: hashToken(token),
      purpose: "invitation",
      email,
      organizationId: organization.id,
      createdById: input.actor.userId,
      expiresAt,
    });
    await queueMail(tx, {
      ...invitationMail(input.locale, {
        to: email,
        organizationName: organization.name,
        inviterName: input.actor.name,
        link: publicUrl(localePath(input.locale, `/invitations/${token}`)),
        days: INVITATION_TTL_DAYS,
      }),
      credentialExpiresAt: expiresAt,
    });
  });
  return { status: "invited" };
}

export interface InvitationDetails {
  tokenId: string;
  email: string;
  organizationId: string;
  organizationName: string;
}

/** An unspent, unexpired invitation, or undefined. */
export async function findInvitation(
  db: DbOrTx,
  token: string,
): Promise<InvitationDetails | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const [row] = await db
    .select({
      tokenId: authTokens.id,
      email: authTokens.email,
      organizationId: organizations.id,
      organizationName: organizations.name,
    })
    .from(authTokens)
    .innerJoin(organizations, eq(organizations.id, authTokens.organizationId))
    .where(
      and(
        eq(authTokens.tokenHash, hashToken(token)),
        eq(authTokens.purpose, "invitation"),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, sql`now()`),
      ),
    );
  return row;
}

export type AcceptInvitationResult =
  | { status: "ok"; setCookie: string }
  | { status: "invalidToken" }
  | { status: "weakPassword"; problem: PasswordProblem }
  /** The email got an account meanwhile: it is now an editor; they sign in as usual. */
  | { status: "accountExists" };

/**
 * Accepting an invitation creates the editor account with its membership, spends the token
 * and signs the person in, all in one transaction.
 */
export async function acceptInvitation(
  db: DbOrTx,
  input: { token: string; name: string; password: string; request: Request; locale?: Locale },
): Promise<AcceptInvitationResult> {
  const invitation = await findInvitation(db, input.token);
  if (!invitation) return { status: "invalidToken" };
  const problem = checkPasswordPolicy(input.password, {
    email: invitation.email,
    name: input.name,
  });
  if (problem) return { status: "weakPassword", problem };

  return db.transaction(async (tx): Promise<AcceptInvitationResult> => {
    const spent = await tx
      .update(authTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(authTokens.id, invitation.tokenId),
          isNull(authTokens.usedAt),
          gt(authTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ id: authTokens.id });
    if (spent.length === 0) return { status: "invalidToken" };
    const created = await createUser(tx, {
      email: invitation.email,
      name: input.name,
      role: "org_editor",
      password: input.password,
      organizationIds: [invitation.organizationId],
      locale: input.locale,
    });
    if (created.status === "weakPassword") return created;
    if (created.status === "exists") {
      const existing = await findUserByEmail(tx, invitation.email);
      if (existing) {
        await tx
          .insert(organizationMemberships)
          .values({ userId: existing.id, organizationId: invitation.organizationId })
          .onConflictDoNothing();
      }
      return { status: "accountExists" };
    }
    const setCookie = await startSession(tx, { userId: created.userId, request: input.request });
    return { status: "ok", setCookie };
  });
}

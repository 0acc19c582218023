import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organizationMemberships, organizations, users } from "#db/schema";
import { signIn } from "~/accounts/login.server";
import { checkPasswordPolicy } from "~/accounts/passwords.server";
import { DEMO_ACCOUNTS, seedDemoAccounts } from "~/accounts/seed/accounts";
import { useTestEnvironment } from "../support/environment";
import { getRequest } from "../support/routes";

const env = useTestEnvironment();

describe("demo accounts", () => {
  it("have passwords that pass the policy", () => {
    for (const account of Object.values(DEMO_ACCOUNTS)) {
      expect(checkPasswordPolicy(account.password, account), account.email).toBeNull();
    }
  });

  it("make editors of the first two organizations by slug, and can be seeded twice", async () => {
    await env()
      .db.insert(organizations)
      .values([
        { slug: "c-legal", name: "C Legal" },
        { slug: "a-legal", name: "A Legal" },
        { slug: "b-legal", name: "B Legal" },
      ]);
    const first = await seedDemoAccounts(env().db);
    const second = await seedDemoAccounts(env().db);
    expect(second).toEqual(first);
    expect(first.map((account) => [account.role, account.organizations])).toEqual([
      ["admin", []],
      ["staff", []],
      ["org_editor", ["a-legal"]],
      ["org_editor", ["b-legal"]],
    ]);
    expect(await env().db.select().from(users)).toHaveLength(4);

    const [editor] = await env()
      .db.select()
      .from(users)
      .where(eq(users.email, DEMO_ACCOUNTS.editorB.email));
    const memberships = await env()
      .db.select()
      .from(organizationMemberships)
      .where(eq(organizationMemberships.userId, editor!.id));
    expect(memberships).toHaveLength(1);

    for (const account of first) {
      const outcome = await signIn(env().db, {
        email: account.email,
        password: account.password,
        request: getRequest("/en/login"),
        clientAddress: "192.0.2.99",
      });
      expect(outcome.status, account.email).toBe("ok");
    }
  });

  it("accept the organizations to use", async () => {
    const accounts = await seedDemoAccounts(env().db, {
      organizationSlugs: ["c-legal", "a-legal"],
    });
    expect(accounts.slice(2).map((account) => account.organizations)).toEqual([
      ["c-legal"],
      ["a-legal"],
    ]);
  });
});

/**
 * Creates an account from the command line; this is how the first admin comes to exist.
 *
 *   npm run user:create -- --role admin --email ana@example.org [--name "Ana Pérez"] [--org slug]...
 *
 * The password is asked for twice without echo, or read from PUENTE_PASSWORD (for CI).
 * Uses DATABASE_URL, or the embedded PostgreSQL of a running `npm start` (or starts it).
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { inArray } from "drizzle-orm";
import { organizations } from "#db/schema";
import { migrateDatabase } from "#db/migrate";
import { ROLES, type Role } from "#db/codes/accounts";
import { createUser } from "~/accounts/users.server";
import { connectDatabase } from "~/db.server";
import { runScript, withDatabaseUrl } from "./with-database";

const USAGE =
  "Usage: npm run user:create -- --role admin|staff|org_editor --email EMAIL [--name NAME] [--org SLUG]...";

const PROBLEMS: Record<string, string> = {
  tooShort: "The password must have at least 12 characters.",
  tooLong: "The password must have at most 200 characters.",
  tooCommon: "This password is on the list of common passwords. Choose another one.",
  personal: "Do not use the email address in the password.",
};

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Reads one line from the terminal without showing what is typed. */
async function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) fail("No terminal to ask for the password: set PUENTE_PASSWORD.");
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, callback) {
      if (!muted) process.stdout.write(chunk, encoding);
      callback();
    },
  });
  const reader = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      reader.question(question, (answer) => resolve(answer));
      muted = true;
    });
  } finally {
    reader.close();
    process.stdout.write("\n");
  }
}

async function readPassword(): Promise<string> {
  const fromEnvironment = process.env.PUENTE_PASSWORD;
  if (fromEnvironment) return fromEnvironment;
  const first = await askHidden("Password (at least 12 characters): ");
  const second = await askHidden("Type it again: ");
  if (first !== second) fail("The two passwords are not the same.");
  return first;
}

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      org: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(", ")}.\n${USAGE}`);
  const email = values.email?.trim();
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) fail(`--email is required.\n${USAGE}`);
  const name = values.name?.trim() || email.split("@")[0]!;
  const slugs = values.org ?? [];
  const password = await readPassword();

  await withDatabaseUrl(async (databaseUrl) => {
    await migrateDatabase(databaseUrl);
    await createAccount(databaseUrl, { email, name, role, password, slugs });
  });
}

async function createAccount(
  databaseUrl: string,
  input: { email: string; name: string; role: Role; password: string; slugs: string[] },
) {
  const { email, name, role, password, slugs } = input;
  const connection = connectDatabase(databaseUrl, { max: 1 });
  try {
    const found = slugs.length
      ? await connection.db
          .select({ id: organizations.id, slug: organizations.slug })
          .from(organizations)
          .where(inArray(organizations.slug, slugs))
      : [];
    const missing = slugs.filter((slug) => !found.some((row) => row.slug === slug));
    if (missing.length) throw new Error(`No organization with the slug: ${missing.join(", ")}`);

    const result = await createUser(connection.db, {
      email,
      name,
      role,
      password,
      organizationIds: found.map((row) => row.id),
    });
    if (result.status === "weakPassword") throw new Error(PROBLEMS[result.problem]);
    if (result.status === "exists") throw new Error(`An account with the email ${email} exists.`);
    console.log(
      `Created ${role} ${email.toLowerCase()}${slugs.length ? ` (editor of ${slugs.join(", ")})` : ""}.`,
    );
  } finally {
    await connection.close();
  }
}

runScript("user:create", main);

import { sql } from "drizzle-orm";
import { timestamp, uuid } from "drizzle-orm/pg-core";

export const id = () => uuid("id").primaryKey().defaultRandom();

export const timestamps = () => ({
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/** SQL for "every element of this text[] column is one of these codes". */
export function arrayWithin(column: string, allowed: readonly string[]) {
  const list = allowed.map((value) => `'${value}'`).join(",");
  return sql.raw(`${column} <@ ARRAY[${list}]::text[]`);
}

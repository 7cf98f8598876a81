import { pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

export const roles = ["member", "planner", "admin"] as const;
export type Role = (typeof roles)[number];

/**
 * Sign-in accounts: the only table that holds e-mail addresses (invariant 1). Never joined to
 * bookings or exclusions: a person's pseudonym is computed from the session when they ask.
 */
export const authUsers = pgTable("auth_users", {
  id: serial().primaryKey(),
  email: text().notNull().unique(),
  name: text(),
  role: text({ enum: roles }).notNull().default("member"),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastSignInAt: timestamp({ withTimezone: true }),
});

export type AuthUser = typeof authUsers.$inferSelect;

import { index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

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

/**
 * Personal tokens for the read-only JSON API (lib/auth/api-tokens.ts). Only the SHA-256 of a token is
 * kept: the token itself is shown once, at creation, and cannot be read back. A token acts with its
 * owner's current role, so demoting the owner disables it; revoking sets `revokedAt` (rows stay, so
 * the audit log's token ids keep meaning something).
 */
export const authApiTokens = pgTable(
  "auth_api_tokens",
  {
    id: serial().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    /** The owner's label for it ("capacity notebook"), so they know which one to revoke. */
    name: text().notNull(),
    /** Hex SHA-256 of the whole token: enough to recognise it, useless to anyone who reads the table. */
    tokenHash: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("auth_api_tokens_user").on(t.userId)],
);

export type ApiToken = typeof authApiTokens.$inferSelect;

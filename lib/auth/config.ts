import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { defaultDataDir } from "@/db/client";
import { getDatabase } from "@/lib/server/database";
import { isDemoSignInEnabled, parseDemoChoice } from "./demo";
import { loadAuthSecret } from "./secret";
import { recordSignIn } from "./users";

/**
 * A generic OpenID Connect provider configured by environment, so Entra ID, Google Workspace or
 * Okta work without code changes; plus the demo sign-in when demo mode is on.
 */
function listProviders(env: NodeJS.ProcessEnv): Provider[] {
  const providers: Provider[] = [];
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID) {
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME ?? "your organisation",
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_CLIENT_ID,
      clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
      // Only what sign-in needs; no profile photo, no directory data.
      authorization: { params: { scope: "openid email profile" } },
    });
  }
  if (isDemoSignInEnabled(env)) {
    providers.push(
      Credentials({
        id: "demo",
        name: "Demo sign-in",
        credentials: { person: {}, role: {} },
        async authorize(credentials) {
          const choice = parseDemoChoice(credentials.person, credentials.role);
          return choice ? { email: choice.email, name: choice.name, demoRole: choice.role } : null;
        },
      }),
    );
  }
  return providers;
}

function buildConfig(): NextAuthConfig {
  const env = process.env;
  return {
    providers: listProviders(env),
    secret: loadAuthSecret(env, env.ROOMLENS_DATA_DIR ?? defaultDataDir()),
    // Sessions live in a signed cookie; the role is read from the database on every request,
    // so a role change takes effect at once.
    session: { strategy: "jwt", maxAge: 8 * 3600 },
    trustHost: true,
    pages: { signIn: "/signin" },
    callbacks: {
      async jwt({ token, user }) {
        if (user?.email) {
          const { db } = await getDatabase();
          const demoRole = "demoRole" in user && typeof user.demoRole === "string" ? user.demoRole : undefined;
          token.uid = await recordSignIn(db, { email: user.email, name: user.name ?? null, demoRole, env });
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "number") session.user.uid = token.uid;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

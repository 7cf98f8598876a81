import Provider from "oidc-provider";

/**
 * A real OpenID Connect provider on loopback for the sign-in tests (npm `oidc-provider`, with its
 * development login and consent pages: any login name signs in as `<login>@idp.example`).
 */
const port = Number(process.env.OIDC_PORT ?? 3190);
const appUrl = process.env.OIDC_APP_URL ?? "http://localhost:3101";

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: "roomlens",
      client_secret: "roomlens-test-secret",
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  async findAccount(_context, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@idp.example`, email_verified: true, name: `Test ${id}` };
      },
    };
  },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // Auth.js reads only ID-token claims; without this the e-mail stays in the userinfo response.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
});

provider.listen(port, () => console.log(`test OIDC provider on http://localhost:${port}`));

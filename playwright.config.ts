import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3101);
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3190);
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  retries: 0,
  workers: 1,
  // The second reporter is the privacy probe over the web servers' logs: it fails the run on a leak.
  reporter: [["list"], ["./tests/e2e/log-probe-reporter.ts"]],
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      // Debian's Chromium where present (Playwright's own download does not work on these machines);
      // elsewhere Playwright's browser after `npx playwright install chromium`.
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
      ],
    },
  },
  webServer: [
    {
      // A real OpenID Connect provider on loopback, for the sign-in test.
      command: "npx tsx tests/support/oidc-server.ts",
      url: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { OIDC_PORT: String(oidcPort), OIDC_APP_URL: `http://localhost:${port}` },
    },
    {
      // The README's first command, on its own embedded database and port.
      command: "npm run demo",
      url: `http://localhost:${port}/api/health`,
      // A stop signal lets the server close its embedded database; a kill could leave it inconsistent.
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(port),
        DATABASE_URL: "",
        ROOMLENS_DATA_DIR: ".roomlens/e2e",
        ROOMLENS_PSEUDONYM_KEY: "",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_OIDC_ISSUER: `http://localhost:${oidcPort}`,
        AUTH_OIDC_CLIENT_ID: "roomlens",
        AUTH_OIDC_CLIENT_SECRET: "roomlens-test-secret",
        AUTH_OIDC_NAME: "Test IdP",
        ROOMLENS_ADMIN_EMAILS: "first.admin@idp.example",
        // The integrations console test serves its ICS feed from a local server on loopback.
        ROOMLENS_FETCH_ALLOWLIST: "127.0.0.1",
      },
    },
  ],
});

import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    // Several ICS library bugs only show outside UTC; every test runs in a zone with DST.
    env: { TZ: "America/New_York" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its wasm and data files relative to its own module; bundling it breaks those URLs.
  serverExternalPackages: ["@electric-sql/pglite", "node-ical"],
  typedRoutes: false,
  // forbidden() / unauthorized() answer 403 / 401 with our own pages.
  experimental: { authInterrupts: true },
};

export default nextConfig;

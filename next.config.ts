import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite reads its own files at run time; bundling it breaks its paths.
  serverExternalPackages: ["@electric-sql/pglite"],
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;

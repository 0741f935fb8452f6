import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite reads its own files at run time; bundling it breaks its paths.
  serverExternalPackages: ["@electric-sql/pglite"],
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // Parallel builds (the benchmark, side-by-side checkouts) each get their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // CI runs `tsc --noEmit` on its own; a side build may skip the duplicate check.
  typescript: { ignoreBuildErrors: process.env.SWITCHBOARD_SKIP_BUILD_TYPECHECK === "1" },
};

export default nextConfig;

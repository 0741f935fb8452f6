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
  // Every response: never framed by another site (clickjacking), no content sniffing, no full URL (with its
  // filters) sent to other origins.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;

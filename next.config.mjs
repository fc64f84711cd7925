import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The image optimiser is an unauthenticated fetch-and-resize endpoint we do not use: off.
  images: { unoptimized: true },
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss", "@node-rs/argon2", "@react-pdf/renderer", "exceljs"],
  // Imports send a spreadsheet of up to 5 MB (base64) to a server action.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "8mb" } },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        // HSTS only when the request reached us over HTTPS (behind a TLS-terminating proxy).
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);

import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", ".data-*/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      // Money is bigint minor units; floats and float rounding are banned in product code.
      "no-restricted-globals": ["error", { name: "parseFloat", message: "Never parse money as a float; use lib/money.ts" }],
      "no-restricted-properties": [
        "error",
        { object: "Number", property: "parseFloat", message: "Never parse money as a float; use lib/money.ts" },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Layering: components never touch the database; pure modules know no I/O.
    files: ["components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/db/*", "@/db/**"], message: "components never import db" }] }] },
  },
  {
    files: ["lib/rent/**", "lib/providers/*/transform.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/db/*", "@/db/**", "next", "next/*", "react"], message: "pure modules import neither db nor Next" }] }],
    },
  },
];

export default config;

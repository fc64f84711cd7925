import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { getAuthSecret } from "./auth-secret";
import { verifyCredentials } from "./credentials";

class SignInRefused extends CredentialsSignin {
  constructor(code: "invalid" | "throttled") {
    super();
    this.code = code;
  }
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

export function clientIp(headers: Headers): string | null {
  // Behind one trusted proxy the left-most X-Forwarded-For entry is the client.
  const xff = headers.get("x-forwarded-for");
  if (xff) return xff.split(",")[0].trim() || null;
  return headers.get("x-real-ip");
}

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  trustHost: true,
  secret: getAuthSecret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A refused sign-in is expected; Auth.js would otherwise log a whole stack for each.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
    warn() {},
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new SignInRefused("invalid");
        try {
          const u = await verifyCredentials(await getDb(), parsed.data.email, parsed.data.password, clientIp(request.headers));
          return { id: u.id, email: u.email, sessionVersion: u.sessionVersion };
        } catch (e) {
          if (e instanceof AppError) throw new SignInRefused(e.code === "throttled" ? "throttled" : "invalid");
          throw e;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      const s = session as typeof session & { uid?: string; sv?: number };
      s.uid = token.uid as string | undefined;
      s.sv = token.sv as number | undefined;
      return s;
    },
  },
}));

import "server-only";
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/engine";
import { loginAttempts } from "@/db/schema";
import { AppError } from "@/lib/errors";

export interface ThrottleConfig {
  maxPerAccount: number;
  maxPerIp: number;
  windowSeconds: number;
}

export function throttleConfig(env = process.env): ThrottleConfig {
  return {
    maxPerAccount: Number(env.TURNRENT_LOGIN_MAX_FAILURES || 5),
    maxPerIp: Number(env.TURNRENT_LOGIN_MAX_FAILURES_PER_IP || 50),
    windowSeconds: Number(env.TURNRENT_LOGIN_WINDOW_SECONDS || 900),
  };
}

const subjects = (email: string, ip: string | null) => [`email:${email.trim().toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];

/**
 * Refuse before any hashing once an account or an IP has too many recent failures, so a guesser
 * cannot make the server burn argon2 time. Failures older than the window stop counting.
 */
export async function assertNotThrottled(db: Db, email: string, ip: string | null, cfg: ThrottleConfig, now = new Date()) {
  const since = new Date(now.getTime() - cfg.windowSeconds * 1000);
  const rows = await db
    .select({ subject: loginAttempts.subject, n: sql<number>`count(*)::int`, oldest: sql<string>`min(${loginAttempts.at})` })
    .from(loginAttempts)
    .where(and(inArray(loginAttempts.subject, subjects(email, ip)), gt(loginAttempts.at, since)))
    .groupBy(loginAttempts.subject);
  for (const r of rows) {
    const limit = r.subject.startsWith("ip:") ? cfg.maxPerIp : cfg.maxPerAccount;
    if (Number(r.n) >= limit) {
      const oldest = new Date(r.oldest).getTime();
      const retry = Math.max(1, Math.ceil((oldest + cfg.windowSeconds * 1000 - now.getTime()) / 1000));
      throw new AppError(
        "throttled",
        `Too many failed sign-in attempts. Try again in ${Math.ceil(retry / 60)} minute(s).`,
        undefined,
        retry,
      );
    }
  }
}

export async function recordLoginFailure(db: Db, email: string, ip: string | null, now = new Date()) {
  await db.insert(loginAttempts).values(subjects(email, ip).map((subject) => ({ subject, at: now })));
  // Keep the table small: anything older than a day is irrelevant to any window.
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - 86_400_000)));
}

export async function clearAccountFailures(db: Db, email: string) {
  await db.delete(loginAttempts).where(eq(loginAttempts.subject, `email:${email.trim().toLowerCase()}`));
}

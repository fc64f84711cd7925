import "server-only";
import type { Db } from "@/db/engine";
import { getUserAuthByEmail } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { burnVerify, verifyPassword } from "./password-hash";
import { assertNotThrottled, clearAccountFailures, recordLoginFailure, throttleConfig, type ThrottleConfig } from "./throttle";

export interface VerifiedUser {
  id: string;
  email: string;
  sessionVersion: number;
}

/** Throttle first, then hash: the (N+1)th wrong attempt in the window costs no argon2 time. */
export async function verifyCredentials(
  db: Db,
  email: string,
  password: string,
  ip: string | null,
  opts: { config?: ThrottleConfig; now?: Date; onHash?: () => void } = {},
): Promise<VerifiedUser> {
  const cfg = opts.config ?? throttleConfig();
  await assertNotThrottled(db, email, ip, cfg, opts.now);
  const user = await getUserAuthByEmail(db, email);
  opts.onHash?.();
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnVerify(password), false);
  if (!user || !ok) {
    await recordLoginFailure(db, email, ip, opts.now);
    throw new AppError("unauthenticated", "Wrong email or password");
  }
  await clearAccountFailures(db, email);
  return { id: user.id, email: user.email, sessionVersion: user.sessionVersion };
}

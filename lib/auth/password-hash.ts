import "server-only";
import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id floor: m=19 MiB, t=2, p=1 (≈65 ms here). Parameters live in the hash string,
// so raising them later still verifies old hashes.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spend the same time when the account does not exist, so timing does not reveal which emails exist. */
export async function burnVerify(password: string): Promise<void> {
  dummy ??= hashPassword("turnrent-dummy-password-for-timing");
  await verifyPassword(await dummy, password);
}

export const USERS = {
  owner: { email: "owner@demo.turnrent.local", password: "galereya-landlord-26" },
  admin: { email: "admin@demo.turnrent.local", password: "galereya-contracts-26" },
  accountant: { email: "accountant@demo.turnrent.local", password: "galereya-ledger-26" },
  otherOwner: { email: "owner@other.test", password: "mall two landlord pass" },
} as const;
export type UserKey = keyof typeof USERS;
export const authFile = (who: UserKey) => `e2e/.auth/${who}.json`;

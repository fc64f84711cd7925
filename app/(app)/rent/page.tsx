import { redirect } from "next/navigation";
import { requirePageContext } from "@/lib/auth/session";

/** Rent is billed for the month just closed. */
export default async function RentIndex() {
  await requirePageContext("statements.read");
  const now = new Date();
  const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  redirect(`/rent/${prev.toISOString().slice(0, 7)}`);
}

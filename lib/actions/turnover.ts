"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { enterDay, removeDay } from "@/lib/turnover/entries";
import { isoDate } from "@/lib/validations/contracts";
import { dayEntryFormSchema, ENTERED_SOURCES } from "@/lib/validations/turnover";
import { orgAction } from "./safe-action";
import { todayUtc } from "@/lib/rent/calendar";


/** The register page's form: one day's figures as typed (roubles), stored beside the provider's. */
export const enterDayAction = orgAction(dayEntryFormSchema, "turnover.write", async ({ input, actor, db }) => {
  const { kktId, day, ...entry } = input;
  const r = await enterDay(db, actor, kktId, day, entry, todayUtc());
  revalidatePath("/dashboard", "layout");
  revalidatePath("/rent", "layout");
  return { day: r.day, source: r.source };
});

export const removeDayAction = orgAction(z.object({ kktId: z.string().uuid(), day: isoDate, source: z.enum(ENTERED_SOURCES) }), "turnover.write", async ({ input, actor, db }) => {
  const r = await removeDay(db, actor, input.kktId, input.day, input.source, todayUtc());
  revalidatePath("/dashboard", "layout");
  revalidatePath("/rent", "layout");
  return r;
});

"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormMessage, SubmitButton } from "@/components/forms/field";
import { useActionForm } from "@/components/forms/use-action-form";
import { SyncProgress } from "@/components/sync/connection-sync";
import { startSyncAction } from "@/lib/actions/sync";

/** Pulls one day of the register's connection again; when the run ends the page (and so the check) is read afresh. */
export function ResyncDay({ connectionId, day }: { connectionId: string; day: string }) {
  const t = useTranslations("registers");
  const router = useRouter();
  const start = useActionForm(startSyncAction);
  const [runId, setRunId] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <form
        aria-label={t("resync")}
        onSubmit={(e) => {
          e.preventDefault();
          start.submit({ connectionId, from: day, to: day }, (r) => setRunId(r.id));
        }}
      >
        <SubmitButton pending={start.pending || runId !== null} variant="plain">{t("resync")}</SubmitButton>
      </form>
      <p className="text-xs text-slate-500">{t("resyncHelp")}</p>
      <FormMessage error={start.error} />
      {runId && (
        <SyncProgress
          runId={runId}
          onDone={() => {
            setRunId(null);
            router.refresh();
          }}
        />
      )}
    </div>
  );
}

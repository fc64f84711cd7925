"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormMessage, SubmitButton } from "@/components/forms/field";
import { useActionForm } from "@/components/forms/use-action-form";
import { deleteConnectionAction } from "@/lib/actions/connections";

/** Remove the connection after a confirmation; its registers and their turnover stay. */
export function DeleteConnection({ connectionId, name }: { connectionId: string; name: string }) {
  const t = useTranslations("connections");
  const router = useRouter();
  const remove = useActionForm(deleteConnectionAction);
  return (
    <form
      aria-labelledby="delete-connection-h"
      className="max-w-2xl space-y-2 rounded-lg border border-red-200 bg-white p-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (!window.confirm(t("deleteConfirm", { name }))) return;
        remove.submit({ id: connectionId }, () => router.push("/connections"));
      }}
    >
      <h2 id="delete-connection-h" className="font-semibold">{t("delete")}</h2>
      <p className="text-sm text-slate-600">{t("deleteHint")}</p>
      <FormMessage error={remove.error} />
      <SubmitButton pending={remove.pending} variant="danger">{t("delete")}</SubmitButton>
    </form>
  );
}

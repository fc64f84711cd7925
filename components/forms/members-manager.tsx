"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { addMemberAction, changeMemberRoleAction, inviteMemberAction, removeMemberAction, revokeInvitationAction } from "@/lib/actions/members";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { Field, FormMessage, SubmitButton } from "./field";
import { formValues, useActionForm } from "./use-action-form";

interface Member { userId: string; email: string; name: string | null; role: Role; since: string }
interface Invitation { id: string; email: string; role: Role; expiresAt: string }

export function MembersManager({ selfId, members, invitations }: { selfId: string; members: Member[]; invitations: Invitation[] }) {
  const t = useTranslations();
  const fmt = useFormatter();
  const add = useActionForm(addMemberAction);
  const invite = useActionForm(inviteMemberAction);
  const [rowError, setRowError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const roleOptions = ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>);
  const rowAction = (p: Promise<{ ok: boolean; error?: { message: string } }>) =>
    start(async () => {
      const r = await p;
      setRowError(r.ok ? null : (r.error?.message ?? null));
    });

  return (
    <div className="space-y-8">
      <section aria-labelledby="members-list" className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <h2 id="members-list" className="sr-only">{t("members.title")}</h2>
        <FormMessage error={rowError} />
        <table className="w-full text-left text-sm" data-testid="members-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr><th className="px-4 py-2">{t("members.email")}</th><th className="px-4 py-2">{t("members.role")}</th><th className="px-4 py-2">{t("members.since")}</th><th className="px-4 py-2">{t("members.actions")}</th></tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId} className="border-b border-slate-100 last:border-0">
                <td className="px-4 py-2">{m.email}{m.userId === selfId && <span className="ml-2 text-xs text-slate-500">({t("members.you")})</span>}</td>
                <td className="px-4 py-2">
                  <select
                    aria-label={`${t("members.changeRole")}: ${m.email}`}
                    className="rounded-md border border-slate-300 px-2 py-1"
                    value={m.role}
                    disabled={pending}
                    onChange={(e) => rowAction(changeMemberRoleAction({ userId: m.userId, role: e.target.value as Role }))}
                  >
                    {roleOptions}
                  </select>
                </td>
                <td className="px-4 py-2 tabular-nums">{fmt.dateTime(new Date(m.since), { dateStyle: "medium" })}</td>
                <td className="px-4 py-2">
                  {m.userId !== selfId && (
                    <button
                      type="button"
                      className="text-red-700 hover:underline"
                      disabled={pending}
                      onClick={() => confirm(t("members.confirmRemove", { email: m.email })) && rowAction(removeMemberAction({ userId: m.userId }))}
                    >
                      {t("members.remove")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <form
          noValidate
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
          aria-labelledby="add-member"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const v = formValues(form);
            add.submit({ email: v.email, role: v.role as Role, password: v.password || undefined }, () => form.reset());
          }}
        >
          <h2 id="add-member" className="font-semibold">{t("members.add")}</h2>
          <p className="text-sm text-slate-600">{t("members.addDescription")}</p>
          <Field label={t("members.email")} name="email" type="email" error={add.fieldError("email")} />
          <Field label={t("members.role")} name="role" defaultValue="admin" error={add.fieldError("role")}>{roleOptions}</Field>
          <Field label={t("members.password")} name="password" type="password" autoComplete="new-password" error={add.fieldError("password")} />
          <FormMessage
            error={add.error && !Object.keys(add.result && !add.result.ok ? (add.result.error.fields ?? {}) : {}).length ? add.error : null}
            success={add.result?.ok ? (add.result.data.oneTimePassword ? t("members.oneTimePassword", { email: add.result.data.email, password: add.result.data.oneTimePassword }) : t("members.saved")) : null}
          />
          <SubmitButton pending={add.pending}>{t("members.create")}</SubmitButton>
        </form>

        <form
          noValidate
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
          aria-labelledby="invite-member"
          onSubmit={(e) => {
            e.preventDefault();
            const v = formValues(e.currentTarget);
            invite.submit({ email: v.email, role: v.role as Role });
          }}
        >
          <h2 id="invite-member" className="font-semibold">{t("members.invite")}</h2>
          <p className="text-sm text-slate-600">{t("members.inviteDescription")}</p>
          <Field label={t("members.email")} name="email" type="email" error={invite.fieldError("email")} />
          <Field label={t("members.role")} name="role" defaultValue="accountant" error={invite.fieldError("role")}>{roleOptions}</Field>
          <FormMessage error={invite.error && !invite.fieldError("email") ? invite.error : null} />
          {invite.result?.ok && (
            <div role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm">
              {t("members.inviteLink", { date: fmt.dateTime(new Date(invite.result.data.expiresAt), { dateStyle: "medium" }) })}
              <code className="mt-1 block break-all" data-testid="invite-link">{`${location.origin}${invite.result.data.path}`}</code>
            </div>
          )}
          <SubmitButton pending={invite.pending}>{t("members.sendInvite")}</SubmitButton>
        </form>
      </div>

      {invitations.length > 0 && (
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="mb-3 font-semibold">{t("members.pending")}</h2>
          <ul className="divide-y divide-slate-100 text-sm">
            {invitations.map((i) => (
              <li key={i.id} className="flex items-center justify-between py-2">
                <span>{i.email} · {t(`roles.${i.role}`)} · {fmt.dateTime(new Date(i.expiresAt), { dateStyle: "medium" })}</span>
                <button type="button" className="text-red-700 hover:underline" disabled={pending} onClick={() => rowAction(revokeInvitationAction({ id: i.id }))}>
                  {t("members.revoke")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

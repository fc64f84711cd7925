"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction, signOutAction } from "@/lib/actions/auth";

export function UserMenu(props: {
  email: string;
  roleLabel: string;
  locale: string;
  labels: { signOut: string; signOutEverywhere: string; language: string; account: string };
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <label className="flex items-center gap-1">
        <span className="sr-only">{props.labels.language}</span>
        <select
          aria-label={props.labels.language}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          value={props.locale}
          disabled={pending}
          onChange={(e) => {
            const locale = e.target.value;
            start(async () => {
              await setLocaleAction({ locale });
              router.refresh();
            });
          }}
        >
          <option value="ru">Русский</option>
          <option value="en">English</option>
        </select>
      </label>
      <Link href="/account" className="text-slate-700 hover:underline" data-testid="user-email">
        {props.email} <span className="text-slate-500">· {props.roleLabel}</span>
      </Link>
      <button type="button" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100" onClick={() => start(() => signOutAction())}>
        {props.labels.signOut}
      </button>
      <button type="button" className="rounded-md px-2 py-1 text-xs text-slate-500 hover:bg-slate-100" onClick={() => start(() => signOutAction({ everywhere: true }))}>
        {props.labels.signOutEverywhere}
      </button>
    </div>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { switchOrganizationAction } from "@/lib/actions/auth";
import type { Role } from "@/lib/auth/permissions";

export function OrgSwitcher(props: {
  current: string;
  organizations: { orgId: string; orgName: string; role: Role }[];
  label: string;
  roleLabels: Record<Role, string>;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  if (props.organizations.length === 1) {
    const o = props.organizations[0];
    return (
      <div className="text-sm">
        <div className="font-medium" data-testid="org-name">{o.orgName}</div>
        <div className="text-xs text-slate-500">{props.roleLabels[o.role]}</div>
      </div>
    );
  }
  return (
    <label className="block text-sm">
      <span className="mb-1 block text-xs text-slate-500">{props.label}</span>
      <select
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        value={props.current}
        disabled={pending}
        data-testid="org-switcher"
        onChange={(e) => {
          const orgId = e.target.value;
          start(async () => {
            await switchOrganizationAction({ orgId });
            router.refresh();
          });
        }}
      >
        {props.organizations.map((o) => (
          <option key={o.orgId} value={o.orgId}>
            {o.orgName} — {props.roleLabels[o.role]}
          </option>
        ))}
      </select>
    </label>
  );
}

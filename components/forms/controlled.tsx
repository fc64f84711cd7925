"use client";
import { useId } from "react";

const inputCls =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-700 aria-[invalid=true]:border-red-600 disabled:bg-slate-100";

/** A controlled, labelled input with its error next to it. */
export function TextInput(props: { label: string; value: string; onChange: (v: string) => void; error?: string; hint?: string; type?: string; disabled?: boolean; className?: string; inputMode?: "decimal" | "numeric" }) {
  const id = useId();
  const describedBy = [props.error ? `${id}-err` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`space-y-1 ${props.className ?? ""}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{props.label}</label>
      <input
        id={id}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={!!props.error}
        aria-describedby={describedBy}
        className={inputCls}
      />
      {props.hint && <p id={`${id}-hint`} className="text-xs text-slate-500">{props.hint}</p>}
      {props.error && <p id={`${id}-err`} role="alert" className="text-sm text-red-700">{props.error}</p>}
    </div>
  );
}

export function SelectInput(props: { label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; error?: string; disabled?: boolean; className?: string }) {
  const id = useId();
  return (
    <div className={`space-y-1 ${props.className ?? ""}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{props.label}</label>
      <select id={id} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value)} aria-invalid={!!props.error} aria-describedby={props.error ? `${id}-err` : undefined} className={inputCls}>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {props.error && <p id={`${id}-err`} role="alert" className="text-sm text-red-700">{props.error}</p>}
    </div>
  );
}

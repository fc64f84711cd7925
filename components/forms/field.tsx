import { useId } from "react";

/** A labelled control with its error next to it, wired for screen readers. */
export function Field(props: {
  label: string;
  name: string;
  type?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  defaultValue?: string;
  children?: React.ReactNode;
}) {
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [props.error ? errId : null, props.hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {props.label}
      </label>
      {props.children ? (
        <select id={id} name={props.name} defaultValue={props.defaultValue} aria-invalid={!!props.error} aria-describedby={describedBy} className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600">
          {props.children}
        </select>
      ) : (
        <input
          id={id}
          name={props.name}
          type={props.type ?? "text"}
          required={props.required}
          autoComplete={props.autoComplete}
          defaultValue={props.defaultValue}
          aria-invalid={!!props.error}
          aria-describedby={describedBy}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-700 aria-[invalid=true]:border-red-600"
        />
      )}
      {props.hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errId} role="alert" className="text-sm text-red-700">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function FormMessage({ error, success }: { error?: string | null; success?: string | null }) {
  if (error) return <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p>;
  if (success) return <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">{success}</p>;
  return null;
}

export function SubmitButton({ pending, children, variant = "primary" }: { pending: boolean; children: React.ReactNode; variant?: "primary" | "danger" | "plain" }) {
  const cls =
    variant === "primary"
      ? "bg-blue-800 text-white hover:bg-blue-900"
      : variant === "danger"
        ? "bg-red-700 text-white hover:bg-red-800"
        : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50";
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={`rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60 ${cls}`}>
      {children}
    </button>
  );
}

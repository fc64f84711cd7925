"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";

/** Run a server action from a form: pending state, a form-level message and field errors. */
export function useActionForm<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const submit = (input: I, onOk?: (data: T) => void) =>
    start(async () => {
      const r = await action(input);
      setResult(r);
      if (r.ok) onOk?.(r.data);
    });
  const fields = result && !result.ok ? (result.error.fields ?? {}) : {};
  return {
    pending,
    result,
    error: result && !result.ok ? result.error.message : null,
    fieldError: (name: string) => fields[name]?.[0],
    submit,
    reset: () => setResult(null),
  };
}

export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((v, k) => {
    if (typeof v === "string") out[k] = v;
  });
  return out;
}

"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { commitImportAction, previewImportAction } from "@/lib/actions/imports";
import type { ImportPreview } from "@/lib/imports/import";
import { SelectInput } from "./controlled";
import { FormMessage, SubmitButton } from "./field";
import { useActionForm } from "./use-action-form";

async function toBase64(file: File): Promise<string> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let s = "";
  for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Upload → preview with every row's errors → import all rows at once (or none). */
type Kind = "premises" | "contracts" | "turnover";

export function ImportWizard({ kinds, initial }: { kinds: Kind[]; initial: Kind }) {
  const t = useTranslations("imports");
  const [kind, setKind] = useState<Kind>(initial);
  const [file, setFile] = useState<{ fileName: string; content: string } | null>(null);
  const preview = useActionForm(previewImportAction);
  const commit = useActionForm(commitImportAction);
  const p: ImportPreview | null = preview.result?.ok ? preview.result.data : null;
  return (
    <div className="space-y-6">
      <form
        noValidate
        aria-label={t("upload")}
        className="grid max-w-2xl gap-3 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2"
        onSubmit={async (e) => {
          e.preventDefault();
          const input = e.currentTarget.elements.namedItem("file") as HTMLInputElement;
          const f = input.files?.[0];
          const next = f ? { fileName: f.name, content: await toBase64(f) } : { fileName: "", content: "" };
          setFile(next);
          commit.reset();
          preview.submit({ kind, ...next });
        }}
      >
        <SelectInput label={t("kind")} value={kind} onChange={(v) => setKind(v as Kind)} options={kinds.map((k) => ({ value: k, label: t(k) }))} />
        <div className="space-y-1">
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">{t("file")}</label>
          <input id="import-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-invalid={!!(preview.fieldError("file") ?? preview.fieldError("fileName"))} className="block w-full text-sm" />
          {(preview.fieldError("file") ?? preview.fieldError("fileName")) && <p role="alert" className="text-sm text-red-700">{preview.fieldError("file") ?? preview.fieldError("fileName")}</p>}
        </div>
        <p className="text-xs text-slate-600 sm:col-span-2">{t(`${kind}Columns`)}</p>
        <div><SubmitButton pending={preview.pending}>{t("preview")}</SubmitButton></div>
      </form>

      {p && (
        <section aria-labelledby="preview-h" className="space-y-3">
          <h2 id="preview-h" className="text-lg font-semibold">{t("previewTitle", { count: p.rows.length })}</h2>
          <p role="status" className={`text-sm ${p.valid ? "text-green-800" : "text-red-700"}`}>{p.valid ? t("allValid") : t("someInvalid", { count: p.rows.filter((r) => Object.keys(r.errors).length).length })}</p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="import-preview">
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
                <tr><th className="px-3 py-2">{t("line")}</th>{p.headers.map((h) => <th key={h} className="px-3 py-2">{h}</th>)}<th className="px-3 py-2">{t("errors")}</th></tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr key={r.line} className={`border-b border-slate-100 align-top last:border-0 ${Object.keys(r.errors).length ? "bg-red-50" : ""}`}>
                    <td className="px-3 py-2 tabular-nums">{r.line}</td>
                    {p.headers.map((h) => <td key={h} className="px-3 py-2">{r.values[h]}</td>)}
                    <td className="px-3 py-2 text-red-800">{Object.entries(r.errors).map(([k, v]) => <div key={k}><span className="font-mono text-xs">{k}</span>: {v}</div>)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.valid && file && !commit.result?.ok && (
            <form onSubmit={(e) => { e.preventDefault(); commit.submit({ kind, ...file }); }}>
              <SubmitButton pending={commit.pending}>{t("import", { count: p.rows.length })}</SubmitButton>
            </form>
          )}
          <FormMessage error={commit.error} success={commit.result?.ok ? t("imported", { count: commit.result.data.imported }) : null} />
        </section>
      )}
      {preview.result && !preview.result.ok && !preview.fieldError("file") && <FormMessage error={preview.error} />}
    </div>
  );
}

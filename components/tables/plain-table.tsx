import type { ReactNode } from "react";

/**
 * A short read-only table in the app's frame: its heading names it, its header cells given once; rows are the
 * caller's `<tr>`s. `empty` (a message) replaces the rows when there are none.
 */
export function PlainTable({ testId, labelledBy, head, empty, children }: { testId: string; labelledBy: string; head: { label: ReactNode; right?: boolean }[]; empty?: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid={testId} aria-labelledby={labelledBy}>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
          <tr>{head.map((h, i) => <th key={i} className={`px-4 py-2${h.right ? " text-right" : ""}`}>{h.label}</th>)}</tr>
        </thead>
        <tbody>
          {empty ? <tr><td colSpan={head.length} className="px-4 py-6 text-center text-slate-500">{empty}</td></tr> : children}
        </tbody>
      </table>
    </div>
  );
}

/** A row of a PlainTable. */
export const plainRow = "border-b border-slate-100 last:border-0";

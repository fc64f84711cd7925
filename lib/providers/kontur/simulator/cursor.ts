/**
 * Paging cursors shaped like the document's ("T2MbygVny1CAWaPZI1NarQ%3D%3D": 16 bytes in base64, handed
 * out percent-encoded). A cursor names one document of one register; it is masked and checked, so it is
 * opaque to clients and a mistyped or foreign one is recognised instead of silently misread.
 */
import { hash32 } from "@/lib/providers/renta/simulator/prng";

export interface CursorTarget {
  kkt: number;
  /** Fiscal document number of the last document on the page the cursor ends. */
  fdn: number;
}

function mask(seed: number, check: number): number[] {
  return Array.from({ length: 12 }, (_, i) => hash32(seed, "cursor-mask", check, i) & 0xff);
}

/** The percent-encoded form the service puts in paging.nextOffset. */
export function encodeCursor(seed: number, t: CursorTarget): string {
  const check = hash32(seed, "cursor", t.kkt, t.fdn);
  const body = Buffer.alloc(12);
  body.writeUInt32BE(t.fdn >>> 0, 0);
  body.writeUInt16BE(t.kkt, 4);
  body.writeUInt32BE(hash32(seed, "cursor-pad", t.kkt, t.fdn), 6);
  body.writeUInt16BE(hash32(seed, "cursor-pad2", t.kkt, t.fdn) & 0xffff, 10);
  const m = mask(seed, check);
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32BE(check, 0);
  for (let i = 0; i < 12; i++) bytes[4 + i] = body[i] ^ m[i];
  return encodeURIComponent(bytes.toString("base64"));
}

/** A cursor as the server reads it from the query string (already URL-decoded): "…==". */
export function decodeCursor(seed: number, text: string): CursorTarget | undefined {
  if (!/^[A-Za-z0-9+/]{22}==$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  const check = bytes.readUInt32BE(0);
  const m = mask(seed, check);
  const body = Buffer.from(bytes.subarray(4).map((b, i) => b ^ m[i]));
  const t = { fdn: body.readUInt32BE(0), kkt: body.readUInt16BE(4) };
  // Every byte must be what this server would have written, padding included.
  return encodeCursor(seed, t) === encodeURIComponent(text) ? t : undefined;
}

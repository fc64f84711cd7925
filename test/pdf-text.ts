/** Text out of a react-pdf file: inflate its streams and map glyphs back through the fonts' ToUnicode CMaps. For tests. */
import { inflateSync } from "node:zlib";

// ---- a minimal PDF text extractor --------------------------------------------------------------
// react-pdf writes Flate streams and Identity-H subset fonts: text operators carry glyph ids, which
// each font's ToUnicode CMap maps back to Unicode. Enough of PDF is parsed here to read that back.

interface PdfObject { dict: string; stream?: Buffer }

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const src = pdf.toString("latin1");
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const start = m.index + m[0].length;
    const end = src.indexOf("endobj", start);
    const body = src.slice(start, end);
    const at = body.search(/\bstream\r?\n/);
    if (at < 0) {
      out.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const dataStart = start + at + body.slice(at).match(/^stream\r?\n/)![0].length;
    const length = Number(/\/Length (\d+)/.exec(dict)![1]);
    const raw = pdf.subarray(dataStart, dataStart + length);
    out.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
    re.lastIndex = end;
  }
  return out;
}

const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(src, 16), utf16(dst));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const a = parseInt(lo, 16), b = parseInt(hi, 16);
      if (dst.startsWith("[")) [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(a + i, utf16(d[1])));
      else for (let c = a, first = parseInt(dst.slice(1, -1), 16); c <= b; c++) map.set(c, String.fromCharCode(first + c - a));
    }
  }
  return map;
}

/** Text of each page, in drawing order; each BT…ET block on its own line. */
export function extractPdfText(pdf: Buffer): string[] {
  const objs = parseObjects(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const fonts = new Map<string, Map<number, string>>();
  for (const o of objs.values()) {
    for (const fontDict of o.dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const [, name, num] of fontDict[1].matchAll(/\/(\w+) (\d+) 0 R/g)) {
        const cmap = objs.get(ref(objs.get(Number(num))?.dict ?? "", "ToUnicode"))?.stream;
        if (cmap) fonts.set(name, parseToUnicode(cmap.toString("latin1")));
      }
    }
  }
  const pagesDict = [...objs.values()].find((o) => /\/Type \/Pages\b/.test(o.dict))!.dict;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(pagesDict)![1].matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  return kids.map((kid) => {
    const content = objs.get(ref(objs.get(kid)!.dict, "Contents"))!.stream!.toString("latin1");
    let font = new Map<number, string>();
    let text = "";
    for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g)) {
      if (m[1]) font = fonts.get(m[1]) ?? new Map();
      else if (m[0] === "ET") text += "\n";
      else {
        const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [m[3]];
        for (const hex of hexes) for (const code of hex.match(/.{4}/g) ?? []) text += font.get(parseInt(code, 16)) ?? "\uFFFD";
      }
    }
    return text;
  });
}

/** Text runs break where the layout breaks lines; compare with all whitespace removed. */

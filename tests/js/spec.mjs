// The examples of docs/search-format.md, read from the page itself, so that the tests and
// the specification cannot drift apart.

import { readFileSync } from "node:fs";

const SPEC = readFileSync(new URL("../../docs/search-format.md", import.meta.url), "utf8");

export const hex = (s) => Uint8Array.from((s.match(/[0-9a-f]{2}/gi) || []).map((b) => parseInt(b, 16)));

// The rows of the first table after `heading`, cells trimmed, header and rule left out.
export function table(heading) {
  const lines = SPEC.slice(SPEC.indexOf(heading)).split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const rows = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith("|"); i++) {
    rows.push(lines[i].replace(/^\||\|$/g, "").split("|").map((c) => c.trim()));
  }
  return rows;
}

// §1: "0 写作 `00`，127 写作 `7f`, …" as [number, bytes].
export function varintExamples() {
  return Array.from(SPEC.matchAll(/(\d+) 写作 `([0-9a-f ]+)`/g), (m) => [Number(m[1]), hex(m[2])]);
}

// §3: [[record numbers], bytes] from the table of posting list examples.
export function listExamples() {
  return table("示例（十六进制）").map(([numbers, encoded]) => {
    const span = numbers.match(/(\d+) 至 (\d+)/);
    const want = span ? Array.from({ length: Number(span[2]) - Number(span[1]) + 1 }, (_, i) => Number(span[1]) + i)
      : (numbers.match(/\d+/g) || []).map(Number);
    return [want, hex(encoded.replace(/`/g, ""))];
  });
}

// §5: [token, 32-bit hash] from the table of test vectors.
export function hashExamples() {
  return table("测试向量").map(([tokenCell, , hashCell]) => {
    const points = Array.from(tokenCell.matchAll(/U\+([0-9A-F]{4,6})/g), (m) => String.fromCodePoint(parseInt(m[1], 16)));
    const token = points.length ? points.join("") : tokenCell.replace(/[`空串]/g, "");
    return [token, parseInt(hashCell.replace(/`/g, ""), 16)];
  });
}

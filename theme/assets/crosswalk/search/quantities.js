// 数字对照 on the drafting desk: a draft sentence's quantities read as comparable indicators
// and set beside the corpus's targets for them.  The table (which measures, which cue words
// before a number name which indicator, and each indicator's targets) is written by the build
// (generator/site/pages/draft_quantities.py) into the page.

const NUMBER = /(\d+(?:\.\d+)?)\s*/gu;
const CLAUSE = /[，,。；;：:！？!?\n]/u;

// The quantities of `text`: [{indicator, value, said}], `value` in the indicator's unit,
// `said` the draft's own words for it ("300平方米").  `map` (the index's t2s) folds the draft
// and the table's words alike, so either script's draft reads on either script's page.
export function readQuantities(text, table, map) {
  const out = [];
  if (!table || !table.indicators) return out;
  const simple = (s) => Array.from(s, (c) => (map && map.get(c)) || c).join("");
  text = simple(text);
  for (const m of text.matchAll(NUMBER)) {
    const rest = text.slice(m.index + m[0].length);
    const measure = table.measures.find((u) => rest.startsWith(simple(u)));
    if (!measure) continue;
    // The clause before the number, back to the last separator.
    let start = m.index;
    while (start > 0 && !CLAUSE.test(text[start - 1])) start--;
    const clause = text.slice(start, m.index);
    for (const ind of table.indicators) {
      if (ind.measure !== measure) continue;
      const cue = ind.cues.find(([word]) => clause.includes(simple(word)));
      if (!cue) continue;
      out.push({ indicator: ind, value: +(parseFloat(m[1]) * cue[1]).toFixed(9), said: m[1] + measure });
      break;
    }
  }
  return out;
}

// Where a value stands among an indicator's targets: "below", "above", "equal" or "within".
export function standing(value, ind) {
  if (ind.low === ind.high && value === ind.low) return "equal";
  return value < ind.low ? "below" : value > ind.high ? "above" : "within";
}

// The target view's rules (targets.js), apart from the page: which rows a choice keeps, what
// the count says, and which choices an address carries.  No globals.

// Whether a row (its data: the years its deadline names, separated by spaces; its
// jurisdiction; its indicator) is kept by the chosen year, jurisdiction and indicator
// (an empty choice keeps every row).
export function matches(row, { year, j, ind }) {
  return (!year || row.years.split(" ").includes(year)) && (!j || row.j === j) && (!ind || row.ind === ind);
}

// The count line, from the page's template ("显示 {n} 项，共 {total} 项").
export function countText(template, shown, total) {
  return template.replace("{n}", String(shown)).replace("{total}", String(total));
}

// The choices an address asks for that a select offers: name → value.  A value the select
// does not list (a stale or crafted address) is ignored, never added.
export function chosenFrom(search, selects) {
  const params = new URLSearchParams(search);
  const out = {};
  for (const { name, values } of selects) {
    const wanted = params.get(name);
    if (wanted !== null && values.includes(wanted)) out[name] = wanted;
  }
  return out;
}

// The address with the choices set (empty ones removed), other parameters kept.
export function withChoices(href, chosen) {
  const url = new URL(href);
  for (const [name, value] of Object.entries(chosen)) {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  return url.href;
}

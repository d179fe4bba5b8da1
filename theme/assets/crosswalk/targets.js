// The 量化指标 page's target view: the requirements filtered by the years their deadline
// names, jurisdiction and indicator, in the browser (no server; a page opened from a share
// works too). The choice is kept in the address (?year=2025&j=yuxi), so a view can be sent.
const form = document.querySelector(".cw-tfilter");
if (form) {
  const rows = [...document.querySelectorAll(form.dataset.rows)];
  const count = form.querySelector(".cw-tfilter__count");
  const selects = [...form.querySelectorAll("select")];
  const params = new URLSearchParams(location.search);
  for (const select of selects) {
    const wanted = params.get(select.name);
    if (wanted !== null && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  }
  const matches = (row, { year, j, ind }) =>
    (!year || row.dataset.years.split(" ").includes(year)) && (!j || row.dataset.j === j) && (!ind || row.dataset.ind === ind);
  const apply = () => {
    const chosen = Object.fromEntries(selects.map((s) => [s.name, s.value]));
    let shown = 0;
    for (const row of rows) {
      row.hidden = !matches(row, chosen);
      if (!row.hidden) shown += 1;
    }
    count.textContent = form.dataset.count.replace("{n}", shown).replace("{total}", rows.length);
    const url = new URL(location.href);
    for (const s of selects) {
      if (s.value) url.searchParams.set(s.name, s.value);
      else url.searchParams.delete(s.name);
    }
    history.replaceState(history.state, "", url);
  };
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  if (selects.some((s) => s.value)) apply();
}

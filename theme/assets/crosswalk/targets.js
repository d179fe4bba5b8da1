// The 量化指标 page's target view: the requirements filtered by the years their deadline
// names, jurisdiction and indicator, in the browser (no server; a page opened from a share
// works too). The choice is kept in the address (?year=2025&j=yuxi), so a view can be sent.
import { chosenFrom, countText, matches, withChoices } from "./target_filter.js";

const form = document.querySelector(".cw-tfilter");
if (form) {
  const rows = [...document.querySelectorAll(form.dataset.rows)];
  const count = form.querySelector(".cw-tfilter__count");
  const selects = [...form.querySelectorAll("select")];
  const asked = chosenFrom(location.search, selects.map((s) => ({ name: s.name, values: [...s.options].map((o) => o.value) })));
  for (const select of selects) if (select.name in asked) select.value = asked[select.name];
  const apply = () => {
    const chosen = Object.fromEntries(selects.map((s) => [s.name, s.value]));
    let shown = 0;
    for (const row of rows) {
      row.hidden = !matches({ years: row.dataset.years, j: row.dataset.j, ind: row.dataset.ind }, chosen);
      if (!row.hidden) shown += 1;
    }
    count.textContent = countText(form.dataset.count, shown, rows.length);
    history.replaceState(history.state, "", withChoices(location.href, chosen));
  };
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  if (selects.some((s) => s.value)) apply();
}

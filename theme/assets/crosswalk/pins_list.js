// The pins page's list, drawn from the page's own markup (pins.html: the list, its entry
// <template>, and the note texts on the root).  Everything a pin shows is set as text
// (textContent, attributes), never parsed as HTML: its wording comes from localStorage,
// which anything on the origin can write.

// One entry (a copy of the template's <li>) filled from ``view`` (pins_set.entryView).
export function fillEntry(entry, view, noteText) {
  entry.setAttribute("data-uid", view.uid);
  const link = entry.querySelector(".cw-pins__cite a");
  link.setAttribute("href", view.href);
  entry.querySelector(".cw-pins__title").textContent = view.title;
  entry.querySelector(".cw-pins__place").textContent = view.place;
  entry.querySelector(".cw-pins__note").textContent = view.note ? noteText(view.note) : "";
  // The citation's line breaks (quote, then its address) kept by the stylesheet (pre-line).
  entry.querySelector(".cw-pins__text").textContent = view.citation;
  return entry;
}

// The whole list in ``root`` (.cw-pins), with its count and tools.
export function renderList(root, views) {
  const list = root.querySelector(".cw-pins__list");
  const template = root.querySelector("template.cw-pins__item");
  const noteText = (name) => root.getAttribute(name) || "";
  list.textContent = "";
  for (const view of views) {
    list.appendChild(fillEntry(template.content.firstElementChild.cloneNode(true), view, noteText));
  }
  root.querySelector(".cw-pins__n").textContent = String(views.length);
  root.querySelector(".cw-pins__tools").hidden = views.length === 0;
  root.querySelector(".cw-pins__empty").hidden = views.length > 0;
}

// Record actions: copy a citation (or its GB/T 7714 form). No network but the site's own
// data files.

import { copyLater, copyText } from "./clipboard.js";
import { pageRoots } from "./root.js";
import { listOf, precedentLinks } from "./precedent_links.js";
import { accessed, fileOf, fileUrlOf, rowAt, wordingNow } from "./wording.js";

const { script, build } = pageRoots();

// Material's bundle reads every <link rel="alternate"> when the DOM is loaded and fetches
// sitemap.xml beside its address, which it takes for a language's root. Ours name this
// page in each script (hreflang, theme/main.html), so each fetch answered 404. This module
// runs after the bundle (modules run once the page is parsed) and before that moment: the
// links are hidden from it, and put back once its handler has run (listeners run in the
// order they were added).
const alternates = document.querySelectorAll('link[rel="alternate"][hreflang]');
alternates.forEach((link) => { link.rel = "cw-alternate"; });
document.addEventListener("DOMContentLoaded", () => {
  alternates.forEach((link) => { link.rel = "alternate"; });
}, { once: true });

// --- the buttons -------------------------------------------------------------------------
// They work only with script, so the page holds them once (<template>) and each clause's
// head gets a copy: its pin names the clause (data-uid) and its link (the head's anchor).
function addActions() {
  document.querySelectorAll("template.cw-actions-template").forEach((template) => {
    template.parentNode.querySelectorAll("[data-uid] > .cw-record__head").forEach((head) => {
      if (head.querySelector(".cw-actions")) return;
      const actions = template.content.firstElementChild.cloneNode(true);
      const pin = actions.querySelector(".cw-pin");
      pin.setAttribute("data-uid", head.parentNode.getAttribute("data-uid"));
      pin.setAttribute("data-href", head.querySelector(".cw-anchor").getAttribute("href"));
      head.appendChild(actions);
    });
  });
}
addActions();

// The file is read as a pointer or the focus reaches a record's buttons, so that a click
// usually finds it read.
function warm(event) {
  const actions = event.target.closest && event.target.closest(".cw-actions");
  if (actions) fileOf(actions);   // none for buttons that carry their citation
}
document.addEventListener("pointerover", warm);
document.addEventListener("focusin", warm);

function label(button, name) {
  const holder = button.closest("[data-" + name + "]");
  return holder ? holder.getAttribute("data-" + name) : "";
}

function flash(button, text) {
  const was = button.textContent;
  button.textContent = text;
  button.classList.add("cw-done");
  setTimeout(() => { button.textContent = was; button.classList.remove("cw-done"); }, 1500);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest(".cw-cite");
  if (!button) return;
  let copied;
  const form = button.getAttribute("data-form") === "gbt" ? "gbt" : "citation";
  const finish = form === "gbt" ? (text) => accessed(text) : (text) => text;
  if (button.hasAttribute("data-citation")) {
    // The citation the button carries (a document's own, a search hit's), as the build made it.
    copied = copyText(finish(button.getAttribute("data-citation")));
  } else {
    const w = wordingNow(button);
    copied = w.ready ? copyText(finish(w.ready[script][form]))
      : copyLater(w.promise.then((words) => finish(words[script][form])));
  }
  copied.then(() => flash(button, label(button, "done") || "\u5df2\u590d\u5236"),
              () => flash(button, label(button, "failed") || "\u2715"));
});

// --- 相似条款 read on opening ------------------------------------------------------------
// A panel marked cw-later holds its heading only; its links are the record's row in the
// document's data file.  ``toggle`` does not bubble: listened for in the capture phase.
document.addEventListener("toggle", (event) => {
  const panel = event.target;
  if (!panel.open || !panel.classList || !panel.classList.contains("cw-later") || panel.hasAttribute("data-read")) return;
  const record = panel.closest("[data-uid]");
  const url = fileUrlOf(panel);
  if (!record || !url) return;
  panel.setAttribute("data-read", "");
  rowAt(url, record.getAttribute("data-uid")).then((row) => {
    panel.querySelector(".cw-later__failed")?.remove();   // from an earlier opening
    panel.append(listOf(document, precedentLinks(row, script, build), label(panel, "later-meta")));
  }, () => {
    panel.removeAttribute("data-read");   // opening it again tries again
    const note = document.createElement("p");
    note.className = "cw-later__failed";
    note.textContent = label(panel, "later-failed");
    panel.querySelector(".cw-later__failed")?.remove();
    panel.append(note);
  });
}, true);

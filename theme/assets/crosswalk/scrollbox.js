// Wide tables and drawings scroll sideways in their own box (.cw-scroll, and Material's
// wrapper around Markdown tables), never the page.  A box that does scroll is made
// reachable from the keyboard and named after its heading, so that it can be scrolled
// without a mouse (WCAG 2.1.1); one that fits is left alone.

import { labelOf, nameOf, overflows } from "./scrollbox_name.js";

const BOXES = ".cw-scroll, .md-typeset__scrollwrap";
const HINT_TEXT = document.documentElement.lang === "zh-Hant" ? "可左右捲動" : "可左右滚动";
const HINT = "cw-scroll-hint";

// A visible word above a box that scrolls, so that what lies beyond its edge is not missed.
function hint(box, on) {
  const before = box.previousElementSibling;
  const has = before && before.classList.contains(HINT);
  if (on && !has) {
    const p = document.createElement("p");
    p.className = HINT;
    p.setAttribute("aria-hidden", "true");   // the box's own name says it
    p.textContent = HINT_TEXT + " →";
    box.parentNode.insertBefore(p, box);
  } else if (!on && has) {
    before.remove();
  }
}

function mark() {
  document.querySelectorAll(BOXES).forEach((box) => {
    if (overflows(box.scrollWidth, box.clientWidth)) {
      if (box.hasAttribute("tabindex")) return;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", labelOf(nameOf(box), HINT_TEXT));
      box.classList.add("cw-scrolls");
      hint(box, true);
    } else if (box.classList.contains("cw-scrolls")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      box.classList.remove("cw-scrolls");
      hint(box, false);
    }
  });
}

// After "load": Material wraps Markdown tables when the document is ready.  A module runs
// before "load", but a late one (from a cache, say) may find it passed.
if (document.readyState === "complete") mark(); else window.addEventListener("load", mark);
let timer;
window.addEventListener("resize", () => {
  clearTimeout(timer);
  timer = setTimeout(mark, 200);
});

// Wide tables and drawings scroll sideways in their own box (.cw-scroll, and Material's
// wrapper around Markdown tables), never the page.  A box that does scroll is made
// reachable from the keyboard and named after its heading, so that it can be scrolled
// without a mouse (WCAG 2.1.1); one that fits is left alone.
(function () {
  "use strict";
  var BOXES = ".cw-scroll, .md-typeset__scrollwrap";
  var label = document.documentElement.lang === "zh-Hant" ? "可左右捲動" : "可左右滚动";

  function nameOf(box) {
    var caption = box.querySelector("caption, svg > title");
    if (caption) return caption.textContent.trim();
    for (var el = box.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) return el.textContent.replace(/¶$/, "").trim();
    }
    var heading = box.closest("section, figure");
    var h = heading && heading.querySelector("h1, h2, h3, h4, figcaption");
    return h ? h.textContent.replace(/¶$/, "").trim() : "";
  }

  function mark() {
    document.querySelectorAll(BOXES).forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (box.hasAttribute("tabindex")) return;
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var name = nameOf(box);
        box.setAttribute("aria-label", name ? name + "（" + label + "）" : label);
        box.classList.add("cw-scrolls");
      } else if (box.classList.contains("cw-scrolls")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.classList.remove("cw-scrolls");
      }
    });
  }

  // After "load": Material wraps Markdown tables when the document is ready.
  window.addEventListener("load", mark);
  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(mark, 200);
  });
  // Pages that fill themselves (search, compare, pins) add boxes later.
  window.crosswalk = Object.assign(window.crosswalk || {}, { markScrollBoxes: mark });
})();

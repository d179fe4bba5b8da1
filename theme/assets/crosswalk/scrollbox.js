// Wide tables and drawings scroll sideways in their own box (.cw-scroll, and Material's
// wrapper around Markdown tables), never the page.  A box that does scroll is made
// reachable from the keyboard and named after its heading, so that it can be scrolled
// without a mouse (WCAG 2.1.1); one that fits is left alone.
(function () {
  "use strict";
  var BOXES = ".cw-scroll, .md-typeset__scrollwrap";
  var label = document.documentElement.lang === "zh-Hant" ? "可左右捲動" : "可左右滚动";
  var HINT = "cw-scroll-hint";

  // A visible word above a box that scrolls, so that what lies beyond its edge is not missed.
  function hint(box, on) {
    var before = box.previousElementSibling;
    var has = before && before.classList.contains(HINT);
    if (on && !has) {
      var p = document.createElement("p");
      p.className = HINT;
      p.setAttribute("aria-hidden", "true");   // the box's own name says it
      p.textContent = label + " →";
      box.parentNode.insertBefore(p, box);
    } else if (!on && has) {
      before.remove();
    }
  }

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

  // After "load": Material wraps Markdown tables when the document is ready.
  window.addEventListener("load", mark);
  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(mark, 200);
  });
})();

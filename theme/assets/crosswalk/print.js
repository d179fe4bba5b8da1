// Before printing, each link in the page's content gets its full address in data-print-href,
// which print.css prints after the link: relative links mean nothing on paper.  Links within
// the page and links whose text already is the address are left as they are.
(function () {
  "use strict";
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (href.charAt(0) === "#" || a.classList.contains("headerlink")) return;
      // A matrix's unit names stand upright, one narrow column each: no room for an address.
      // Unit and topic chips repeat on every clause: their names suffice on paper.
      if (a.closest(".cw-rm thead, .cw-unit-list") || a.classList.contains("cw-topic")) return;
      if (a.textContent.trim() === a.href) return;
      a.setAttribute("data-print-href", a.href);
    });
  });
})();

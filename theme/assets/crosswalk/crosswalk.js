// Record actions on document pages: copy a citation. No network, no libraries.
(function () {
  "use strict";

  function copyText(text) {
    // navigator.clipboard needs a secure context; intranet sites are often plain http.
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }
  // Shared with pins.js (loaded after this file).
  window.crosswalk = Object.assign(window.crosswalk || {}, { copyText: copyText });

  function citationFor(button) {
    var text = button.getAttribute("data-text") || "";
    var cite = button.getAttribute("data-citation") || "";
    var url = location.href.split("#")[0];
    var section = button.closest(".cw-record");
    if (section && section.id) url += "#" + section.id;
    return (text ? "“" + text + "”\n" : "") + "——" + cite + "\n" + url;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".cw-cite");
    if (!button) return;
    copyText(citationFor(button)).then(function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-done") || "已复制";
      button.classList.add("cw-done");
      setTimeout(function () { button.textContent = label; button.classList.remove("cw-done"); }, 1500);
    });
  });
})();

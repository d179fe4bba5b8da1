// Record actions on document pages: copy a citation (or its GB/T 7714 form). No network, no libraries.
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

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".cw-cite");
    if (!button) return;
    // The citation as the build made it (provisions.json holds the same text): never rebuilt here.
    copyText(button.getAttribute("data-citation") || "").then(function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-done") || "已复制";
      button.classList.add("cw-done");
      setTimeout(function () { button.textContent = label; button.classList.remove("cw-done"); }, 1500);
    });
  });
})();

// Record actions: copy a citation (or its GB/T 7714 form). No network but the site's own
// data files.
(function () {
  "use strict";

  var script = document.documentElement.lang === "zh-Hant" ? "hant" : "hans";

  // Material's bundle reads every <link rel="alternate"> when the DOM is loaded and fetches
  // sitemap.xml beside its address, which it takes for a language's root. Ours name this
  // page in each script (hreflang, theme/main.html), so each fetch answered 404. This file
  // runs after the bundle and before that moment: the links are hidden from it, and put
  // back once its handler has run (listeners run in the order they were added).
  var alternates = document.querySelectorAll('link[rel="alternate"][hreflang]');
  for (var i = 0; i < alternates.length; i++) alternates[i].rel = "cw-alternate";
  document.addEventListener("DOMContentLoaded", function () {
    for (var i = 0; i < alternates.length; i++) alternates[i].rel = "alternate";
  }, { once: true });
  // The module that reads the gzipped data files, next to this script (import() also loads
  // a module from a classic script).
  var GUNZIP = new URL("gunzip.js", document.currentScript.src).href;
  var gunzip = null;

  function jsonOf(bytes) {
    if (!gunzip) {
      gunzip = import(GUNZIP);
      gunzip.catch(function () { gunzip = null; });
    }
    return gunzip.then(function (module) { return module.jsonOf(bytes); });
  }

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
    var copied = false;
    try { copied = document.execCommand("copy"); } finally { document.body.removeChild(area); }
    // Refused outside a click's moment (a file read too slowly): the button says so.
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // Text that is still being read: Safari copies only inside the click, so the clipboard is
  // handed the promise (ClipboardItem); elsewhere it is copied when it arrives.
  function copyLater(promise) {
    if (navigator.clipboard && window.isSecureContext && window.ClipboardItem && navigator.clipboard.write) {
      var blob = promise.then(function (text) { return new Blob([text], { type: "text/plain" }); });
      return navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
    }
    return promise.then(copyText);
  }

  // --- a record's wording, from its document's data file ------------------------------------
  // A page names the file (data/provisions/<doc-id>.json.gz) on the nearest data-provisions; it
  // holds each record's citations in both scripts and where each quote sits in them, as the
  // build made them (the same rows as provisions.json): never rebuilt here.
  var files = {};   // URL → {rows: by id, once loaded; promise}

  function load(url) {
    if (!files[url]) {
      var file = files[url] = { rows: null };
      file.promise = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.arrayBuffer();
      }).then(function (buffer) {
        return jsonOf(new Uint8Array(buffer));
      }).then(function (rows) {
        var byId = {};
        rows.forEach(function (row) { byId[row.id] = row; });
        return (file.rows = byId);
      });
      file.promise.catch(function () { delete files[url]; });   // a later click tries again
    }
    return files[url];
  }

  // The data file that holds the record whose buttons hold ``element`` (an absolute URL).
  function fileUrlOf(element) {
    var holder = element.closest("[data-provisions]");
    return holder ? new URL(holder.getAttribute("data-provisions"), location.href).href : null;
  }

  function fileOf(element) {
    var url = fileUrlOf(element);
    return url ? load(url) : null;
  }

  function uidOf(element) {
    var actions = element.closest(".cw-actions");
    var pin = actions && actions.querySelector(".cw-pin[data-uid]");
    return pin ? pin.getAttribute("data-uid") : null;
  }

  // §10 of docs/search-format.md: the quote sits in its citation with its quotation marks one
  // level down (“” ↔ ‘’); it is cut out by code points and turned back.
  var NEST = { "\u201c": "\u2018", "\u201d": "\u2019", "\u2018": "\u201c", "\u2019": "\u201d" };

  function wording(row) {
    var out = {};
    [["hans", ""], ["hant", "_hant"]].forEach(function (pair) {
      var cite = row["citation" + pair[1]] || "";
      var span = row["quote" + pair[1]] || [0, 0];
      out[pair[0]] = {
        citation: cite,
        gbt: row["citation_gbt" + pair[1]] || "",
        text: Array.from(cite).slice(span[0], span[1]).map(function (ch) { return NEST[ch] || ch; }).join("")
      };
    });
    return out;
  }

  function rowOf(rows, uid) {
    if (!rows[uid]) throw new Error("no record " + uid);
    return wording(rows[uid]);
  }

  // {hans: {citation, gbt, text}, hant: …} of the record whose buttons hold ``element``, now
  // if its file is read (``ready``), else as a promise.
  function wordingOf(element) {
    var file = fileOf(element);
    var uid = uidOf(element);
    if (!file || !uid) return { promise: Promise.reject(new Error("no data file for this record")) };
    if (file.rows) return { ready: rowOf(file.rows, uid) };
    return { promise: file.promise.then(function (rows) { return rowOf(rows, uid); }) };
  }

  // Shared with pins.js (loaded after this file).
  window.crosswalk = Object.assign(window.crosswalk || {}, {
    copyText: copyText,
    script: script,
    wordingOf: function (element) {
      var w = wordingOf(element);
      return w.ready ? Promise.resolve(w.ready) : w.promise;
    },
    fileUrlOf: fileUrlOf,
    wordingAt: function (url, uid) {
      return load(url).promise.then(function (rows) { return rowOf(rows, uid); });
    }
  });

  // --- the buttons -------------------------------------------------------------------------
  // They work only with script, so the page holds them once (<template>) and each clause's
  // head gets a copy: its pin names the clause (data-uid) and its link (the head's anchor).
  function addActions() {
    document.querySelectorAll("template.cw-actions-template").forEach(function (template) {
      template.parentNode.querySelectorAll("[data-uid] > .cw-record__head").forEach(function (head) {
        if (head.querySelector(".cw-actions")) return;
        var actions = template.content.firstElementChild.cloneNode(true);
        var pin = actions.querySelector(".cw-pin");
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
    var actions = event.target.closest && event.target.closest(".cw-actions");
    if (actions) fileOf(actions);   // none for buttons that carry their citation
  }
  document.addEventListener("pointerover", warm);
  document.addEventListener("focusin", warm);

  function label(button, name) {
    var holder = button.closest("[data-" + name + "]");
    return holder ? holder.getAttribute("data-" + name) : "";
  }

  function flash(button, text) {
    var was = button.textContent;
    button.textContent = text;
    button.classList.add("cw-done");
    setTimeout(function () { button.textContent = was; button.classList.remove("cw-done"); }, 1500);
  }

  // GB/T 7714's [引用日期]: an online entry holds this slot (citations.ACCESS_SLOT) where the
  // day of access goes, and the copy gets the day it is made.
  var ACCESS_SLOT = "[\u5f15\u7528\u65e5\u671f]";

  function accessed(entry, now) {
    var day = now || new Date();
    var two = function (n) { return ("0" + n).slice(-2); };
    return entry.split(ACCESS_SLOT).join("[" + day.getFullYear() + "-" + two(day.getMonth() + 1) + "-" + two(day.getDate()) + "]");
  }
  window.crosswalk.accessed = accessed;

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".cw-cite");
    if (!button) return;
    var copied;
    var form = button.getAttribute("data-form") === "gbt" ? "gbt" : "citation";
    var finish = form === "gbt" ? accessed : function (text) { return text; };
    if (button.hasAttribute("data-citation")) {
      // The citation the button carries (a document's own, a search hit's), as the build made it.
      copied = copyText(finish(button.getAttribute("data-citation")));
    } else {
      var w = wordingOf(button);
      copied = w.ready ? copyText(finish(w.ready[script][form]))
        : copyLater(w.promise.then(function (words) { return finish(words[script][form]); }));
    }
    copied.then(function () { flash(button, label(button, "done") || "\u5df2\u590d\u5236"); },
                function () { flash(button, label(button, "failed") || "\u2715"); });
  });
})();

// Pinning (摘录夹): the "摘录" button on each record toggles it into a set kept in
// localStorage; the pins page (pins/) lists the set and exports it as CSV, as a citation
// list, or as RIS and CSL-JSON for reference managers.  Everything happens in the browser, on the site's own origin (a record's wording in
// both scripts comes from its document's data file, see snapshot), and data goes in with
// textContent.
(function () {
  "use strict";

  // The floating badge is the only text this script writes that no page carries; both forms.
  var BADGE_LABEL = { hans: "摘录夹", hant: "摘錄夾" };

  var script = window.crosswalk.script;   // crosswalk.js, loaded first
  var other = script === "hant" ? "hans" : "hant";
  var scriptRoot = siteRootOfPage();
  // The Simplified build's root is the site's: a Traditional page finds it on its script
  // switcher (data-cw-root, theme/partials/alternate.html), so where the Traditional build
  // sits (the plugin's traditional_dir) is known to the build alone.
  var switcher = document.querySelector(".cw-switch[data-cw-root]");
  var siteRoot = script === "hant" && switcher
    ? directoryOf(new URL(switcher.getAttribute("data-cw-root"), location.href).pathname) : scriptRoot;
  // One set per site, shared by its two scripts; two sites on one host keep their own.
  var KEY = "cw-pins:" + siteRoot;
  var memory = null;  // used when localStorage is unavailable (private mode, file policy)

  function directoryOf(path) { return endsWith(path, "/") ? path : path + "/"; }

  function endsWith(text, tail) { return text.slice(-tail.length) === tail; }

  // Material writes the path from the page to the site root into #__config.
  function siteRootOfPage() {
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep "." */ }
    }
    return directoryOf(new URL(base, location.href).pathname);
  }

  function directoryUrls() { return !endsWith(location.pathname, ".html"); }

  // --- the set ---------------------------------------------------------------------------

  // The stored set is not trusted: another script on the origin, an older version of this
  // one or a hand edit may have written it.  Each entry is read against what toggle() writes
  // (known fields, a record id, paths under the site's root that cannot name another origin,
  // bounded sizes); one that does not fit is left out and counted for the notice, never
  // thrown on, so that every page, and the pins page that can clear the set, still works.
  var LIMIT = { stored: 4000000, items: 5000, words: 20000 };
  var UID = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;
  // Relative: no leading / or \, no "//", no "." or ".." segment, an optional #anchor.
  var PATH = /^(?!.*\/\/)(?!(?:.*\/)?\.\.?(?:[\/#]|$))[A-Za-z0-9_-][A-Za-z0-9._\/-]*(?:#[A-Za-z0-9._-]*)?$/;
  var dropped = 0;   // entries the last load left out

  function words(value) {
    return value && typeof value === "object" && typeof value.citation === "string" && typeof value.text === "string"
      && value.citation.length <= LIMIT.words && value.text.length <= LIMIT.words
      ? { citation: value.citation, text: value.text } : null;
  }

  // The entry as toggle() would have written it, or null.
  function entry(item, seen) {
    if (!item || typeof item !== "object" || Array.isArray(item)) return null;
    if (typeof item.uid !== "string" || !UID.test(item.uid) || seen[item.uid]) return null;
    if (typeof item.path !== "string" || !PATH.test(item.path)) return null;
    var out = { uid: item.uid, path: item.path };
    if (item.data != null) {
      if (typeof item.data !== "string" || !PATH.test(item.data) || item.data.indexOf("#") >= 0) return null;
      out.data = item.data;
    }
    for (var s of ["hans", "hant"]) {
      if (item[s] == null) continue;
      if (!(out[s] = words(item[s]))) return null;
    }
    seen[item.uid] = true;
    return out;
  }

  function load() {
    var raw = null;
    try { raw = localStorage.getItem(KEY); } catch (e) { raw = memory; }
    dropped = 0;
    if (!raw) return [];
    var data = null;
    try { data = raw.length <= LIMIT.stored ? JSON.parse(raw) : null; } catch (e) { /* counted below */ }
    if (!data || typeof data !== "object" || !Array.isArray(data.items)) { dropped = 1; return []; }
    var items = [], seen = Object.create(null);
    data.items.forEach(function (item, i) {
      var ok = i < LIMIT.items ? entry(item, seen) : null;
      if (ok) items.push(ok); else dropped += 1;
    });
    return items;
  }

  function save(items) {
    var raw = JSON.stringify({ version: 1, items: items });
    try { localStorage.setItem(KEY, raw); } catch (e) { memory = raw; }
    refresh();
  }

  function indexOf(items, uid) {
    for (var i = 0; i < items.length; i++) if (items[i].uid === uid) return i;
    return -1;
  }

  // What a pin keeps of a record in each script: the citation as the build made it and the
  // quote as printed, never rebuilt here.  A button a script made (起草助手's precedents)
  // carries them for this script and the other; a record on a page has them in its
  // document's data file (crosswalk.js reads it).
  function snapshot(pin) {
    var cite = pin.parentNode.querySelector(".cw-cite[data-citation]");
    if (!cite) {
      return window.crosswalk.wordingOf(pin).then(kept);
    }
    var out = {};
    out[script] = { citation: cite.getAttribute("data-citation") || "", text: cite.getAttribute("data-text") || "" };
    if (cite.hasAttribute("data-citation-other")) {
      out[other] = { citation: cite.getAttribute("data-citation-other"), text: cite.getAttribute("data-text-other") || "" };
    }
    return Promise.resolve(out);
  }

  // What a pin keeps of a record's wording in both scripts (not its GB/T 7714 form).
  function kept(words) {
    return { hans: { citation: words.hans.citation, text: words.hans.text },
             hant: { citation: words.hant.citation, text: words.hant.text } };
  }

  // The wording a snapshot brings goes into the record's entry, if it is still pinned.
  function keep(uid, words) {
    words.then(function (fresh) {
      var items = load();
      var at = indexOf(items, uid);
      if (at < 0) return;
      var changed = false;
      Object.keys(fresh).forEach(function (s) {
        var old = items[at][s];
        if (!old || old.citation !== fresh[s].citation || old.text !== fresh[s].text) {
          items[at][s] = fresh[s];
          changed = true;
        }
      });
      if (changed) save(items);
    }, function () { /* the entry keeps what it has; the pins page says which script it lacks */ });
  }

  // The record's address under the script root, from the address the build wrote on the pin
  // (data-href, made by routes); the pins page puts it under its own script's root.
  function pathOf(pin) {
    var target = new URL(pin.getAttribute("data-href") || "", location.href);
    var path = target.pathname.indexOf(scriptRoot) === 0 ? target.pathname.slice(scriptRoot.length) : "";
    return path + target.hash;
  }

  function toggle(pin) {
    var items = load();
    var uid = pin.getAttribute("data-uid");
    var at = indexOf(items, uid);
    if (at >= 0) {
      items.splice(at, 1);
      save(items);
      return;
    }
    var item = { uid: uid, path: pathOf(pin) };
    var file = dataOf(pin);
    if (file) item.data = file;
    items.push(item);
    save(items);   // the button shows the pin at once; its wording follows
    keep(uid, snapshot(pin));
  }

  // The record's data file under the site's root (data/ is the Simplified build's, shared by
  // both scripts): the pins page reads the wording from there if it did not arrive in time.
  function dataOf(pin) {
    var url = window.crosswalk.fileUrlOf(pin);
    var path = url ? new URL(url).pathname : "";
    return path.indexOf(siteRoot) === 0 ? path.slice(siteRoot.length) : null;
  }

  // Entries missing a script's wording get it from their data file (an entry pinned just
  // before the page was left, or whose file could not be read then).
  var filling = {};
  function fillMissing(items) {
    items.forEach(function (item) {
      if ((item.hans && item.hant) || !item.data || filling[item.uid]) return;
      filling[item.uid] = true;
      var url = new URL(siteRoot + item.data, location.href).href;
      keep(item.uid, window.crosswalk.wordingAt(url, item.uid).then(kept));
    });
  }

  // Pinned records on this page get their wording as the build now makes it (a correction
  // since they were pinned, or a script they lacked).
  function updateSnapshots() {
    var items = load();
    document.querySelectorAll(".cw-pin[data-uid]").forEach(function (pin) {
      var uid = pin.getAttribute("data-uid");
      if (indexOf(items, uid) >= 0) keep(uid, snapshot(pin));
    });
  }

  // --- the page: buttons and badge -------------------------------------------------------

  // Each pin button in ``root`` shows whether its record is pinned.
  function mark(root, items) {
    var pins = root.matches && root.matches(".cw-pin[data-uid]") ? [root] : root.querySelectorAll(".cw-pin[data-uid]");
    Array.prototype.forEach.call(pins, function (pin) {
      var pinned = indexOf(items, pin.getAttribute("data-uid")) >= 0;
      pin.setAttribute("aria-pressed", pinned ? "true" : "false");
      pin.classList.toggle("cw-pinned", pinned);
      // The labels are the button's own, or said once for the page's records.
      var holder = pin.closest(pinned ? "[data-pinned]" : "[data-unpinned]");
      var label = holder && holder.getAttribute(pinned ? "data-pinned" : "data-unpinned");
      if (label && pin.textContent !== label) pin.textContent = label;
    });
  }

  function refresh() {
    var items = load();
    mark(document, items);
    badge(items.length);
    var list = document.querySelector(".cw-pins");
    if (list) { renderList(list, items); fillMissing(items); }
    notice(list);
  }

  // Entries left out are said on the pins page (saving the set again drops them for good),
  // and in the console elsewhere.
  function notice(list) {
    var box = list && list.querySelector(".cw-pins__dropped");
    if (box) {
      box.hidden = dropped === 0;
      box.textContent = dropped ? box.getAttribute("data-template").replace("#", String(dropped)) : "";
    } else if (dropped && window.console) {
      console.warn("摘录夹: " + dropped + " stored entries could not be read and were left out");
    }
  }

  function badge(count) {
    var link = document.querySelector(".cw-pins-badge");
    if (!link) {
      if (document.querySelector(".cw-pins")) return;  // the pins page shows its own count
      link = document.createElement("a");
      link.className = "cw-pins-badge";
      link.href = scriptRoot + (directoryUrls() ? "pins/" : "pins/index.html");
      var label = document.createElement("span");
      label.className = "cw-pins-badge__label";
      label.textContent = BADGE_LABEL[script];
      var number = document.createElement("span");
      number.className = "cw-pins-badge__count";
      link.appendChild(label);
      link.appendChild(number);
      document.body.appendChild(link);
    }
    link.querySelector(".cw-pins-badge__count").textContent = String(count);
    link.hidden = count === 0;
    link.setAttribute("title", BADGE_LABEL[script] + " " + count);
  }

  // --- the pins page ---------------------------------------------------------------------

  function wording(item) {
    return item[script] || item[script === "hans" ? "hant" : "hans"] || { citation: "", text: "" };
  }

  function absolute(item) {
    return new URL(scriptRoot + item.path, location.href).href;
  }

  function renderList(root, items) {
    var list = root.querySelector(".cw-pins__list");
    var template = root.querySelector("template.cw-pins__item");
    list.textContent = "";
    items.forEach(function (item) {
      var entry = template.content.firstElementChild.cloneNode(true);
      var words = wording(item);
      entry.setAttribute("data-uid", item.uid);
      var link = entry.querySelector(".cw-pins__cite a");
      link.href = scriptRoot + item.path;
      link.textContent = item.uid;
      var note = item.hans || item.hant ? (item[script] ? "" : "data-other-script") : "data-unread";
      if (note) entry.querySelector(".cw-pins__note").textContent = root.getAttribute(note);
      var text = entry.querySelector(".cw-pins__text");
      text.textContent = words.citation;
      text.style.whiteSpace = "pre-line";  // the citation's line breaks: quote, then its address
      list.appendChild(entry);
    });
    root.querySelector(".cw-pins__n").textContent = String(items.length);
    root.querySelector(".cw-pins__tools").hidden = items.length === 0;
    root.querySelector(".cw-pins__empty").hidden = items.length > 0;
  }

  // A spreadsheet would run a cell that starts like a formula.
  function cell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function csv(root, items) {
    var rows = [root.getAttribute("data-columns").split("|")];
    items.forEach(function (item, i) {
      var words = wording(item);
      rows.push([i + 1, words.citation, words.text, absolute(item), item.uid]);
    });
    // The BOM lets Excel, which officials open CSV files with, detect UTF-8.
    return "\ufeff" + rows.map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  function citations(items) {
    return items.map(function (item, i) {
      var words = wording(item);
      return (i + 1) + ". " + words.citation;
    }).join("\n\n") + "\n";
  }

  // --- RIS and CSL-JSON, for reference managers (Zotero, EndNote) ----------------------
  // Each pin is its document's CSL-JSON item (data/citations.csl.json, as the build made it)
  // with the record's own citation as a note, its address where the item has one, and
  // today as the day of access.

  function cslItems(root, items) {
    var url = new URL(siteRoot + root.getAttribute("data-csl-file"), location.href).href;
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    }).then(function (list) {
      var byId = {};
      list.forEach(function (item) { byId[item.id] = item; });
      var today = new Date();
      return items.map(function (item) {
        var doc = byId[item.uid.split("/")[0]] || { type: "webpage", title: item.uid };
        var out = Object.assign({}, doc, { id: item.uid, note: wording(item).citation,
          accessed: { "date-parts": [[today.getFullYear(), today.getMonth() + 1, today.getDate()]] } });
        if (doc.URL) out.URL = absolute(item);
        return out;
      });
    });
  }

  var RIS_TYPE = { "article-newspaper": "NEWS", report: "RPRT", webpage: "ELEC" };

  function risDate(parts) {
    return [parts[0], ("0" + (parts[1] || "")).slice(-2), ("0" + (parts[2] || "")).slice(-2)]
      .map(function (p) { return p === "0" ? "" : p; }).join("/") + "/";
  }

  function ris(cslList) {
    var lines = [];
    cslList.forEach(function (item) {
      var tag = function (name, value) { if (value) lines.push(name + "  - " + String(value).replace(/\s*\n\s*/g, " ")); };
      tag("TY", RIS_TYPE[item.type] || "GEN");
      tag("ID", item.id);
      (item.author || []).forEach(function (a) { tag("AU", a.literal); });
      tag("TI", item.title);
      tag("T2", item["container-title"]);
      tag("M1", item.number);
      var issued = item.issued && item.issued["date-parts"][0];
      if (issued) { tag("PY", issued[0]); tag("DA", risDate(issued)); }
      tag("PB", item.publisher);
      tag("UR", item.URL);
      tag("Y2", risDate(item.accessed["date-parts"][0]));
      tag("LA", item.language);
      tag("N1", item.note);
      lines.push("ER  - ", "");
    });
    return lines.join("\r\n");
  }

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // The citation button's copy (crosswalk.js): works on plain-http intranet sites too.
  function copyText(text) {
    return window.crosswalk.copyText(text);
  }

  function act(root, button) {
    var action = button.getAttribute("data-action");
    var items = load();
    if (action === "csv") {
      download(root.getAttribute("data-csv-name"), csv(root, items), "text/csv;charset=utf-8");
    } else if (action === "txt") {
      download(root.getAttribute("data-txt-name"), citations(items), "text/plain;charset=utf-8");
    } else if (action === "ris" || action === "csl") {
      cslItems(root, items).then(function (list) {
        if (action === "ris") download(root.getAttribute("data-ris-name"), ris(list), "application/x-research-info-systems;charset=utf-8");
        else download(root.getAttribute("data-csl-name"), JSON.stringify(list, null, 1), "application/vnd.citationstyles.csl+json;charset=utf-8");
      });
    } else if (action === "copy") {
      copyText(citations(items)).then(function () {
        var label = button.textContent;
        button.textContent = button.getAttribute("data-done");
        setTimeout(function () { button.textContent = label; }, 1500);
      });
    } else if (action === "clear") {
      if (window.confirm(button.getAttribute("data-confirm"))) save([]);
    } else if (action === "remove") {
      var at = indexOf(items, button.closest(".cw-pins__entry").getAttribute("data-uid"));
      if (at >= 0) { items.splice(at, 1); save(items); }
    }
  }

  // --- wiring ----------------------------------------------------------------------------

  document.addEventListener("click", function (event) {
    if (!event.target.closest) return;
    var pin = event.target.closest(".cw-pin[data-uid]");
    if (pin) { toggle(pin); return; }
    var root = event.target.closest(".cw-pins");
    var button = root && event.target.closest("button[data-action]");
    if (button) act(root, button);
  });

  // Another tab pinned or unpinned something.
  window.addEventListener("storage", function (event) { if (event.key === KEY) refresh(); });

  // Pin buttons a script adds later (search hits, 起草助手's precedents) show their state too.
  if (window.MutationObserver) {
    new MutationObserver(function (changes) {
      var items = null;
      changes.forEach(function (change) {
        Array.prototype.forEach.call(change.addedNodes, function (node) {
          if (node.nodeType !== 1) return;
          mark(node, items || (items = load()));
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  updateSnapshots();
  refresh();
})();

// Copying text, on plain-http intranet sites too (the record buttons and the pins page).

export function copyText(text) {
  // navigator.clipboard needs a secure context; intranet sites are often plain http.
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text);
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let copied = false;
  try { copied = document.execCommand("copy"); } finally { document.body.removeChild(area); }
  // Refused outside a click's moment (a file read too slowly): the button says so.
  return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
}

// Text that is still being read: Safari copies only inside the click, so the clipboard is
// handed the promise (ClipboardItem); elsewhere it is copied when it arrives.
export function copyLater(promise) {
  if (navigator.clipboard && window.isSecureContext && window.ClipboardItem && navigator.clipboard.write) {
    const blob = promise.then((text) => new Blob([text], { type: "text/plain" }));
    return navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
  }
  return promise.then(copyText);
}

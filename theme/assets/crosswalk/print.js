// Before printing, each link in the page's content gets its full address in data-print-href,
// which print.css prints after the link: relative links mean nothing on paper.  Which links
// do: print_address.js.

import { printedAddress } from "./print_address.js";

window.addEventListener("beforeprint", () => {
  document.querySelectorAll(".md-content a[href]").forEach((a) => {
    const address = printedAddress(a);
    if (address) a.setAttribute("data-print-href", address);
  });
});

import { initAll } from "../vendor/nhsuk-frontend/nhsuk-frontend.min.js";

initAll();

// Catalogue search: the filters are open on wide screens and keep a reader's choice across htmx updates; the
// compare button says how many offerings are ticked.
const wide = window.matchMedia("(min-width: 48.0625em)");
let filtersOpen = null;

function catalogueReady() {
  const panel = document.getElementById("filter-panel");
  if (panel) {
    panel.open = filtersOpen ?? wide.matches;
    panel.addEventListener("toggle", () => { filtersOpen = panel.open; });
  }
  const form = document.getElementById("compare-form");
  if (form) {
    const count = form.querySelector(".exchange-compare-count");
    const update = () => {
      const ticked = form.querySelectorAll('input[name="o"]:checked').length;
      count.textContent = ticked ? ` (${ticked} ticked)` : "";
    };
    form.addEventListener("change", update);
    update();
  }
}

catalogueReady();
document.addEventListener("htmx:afterSwap", catalogueReady);
wide.addEventListener("change", () => { filtersOpen = null; catalogueReady(); });

// The file upload's drop button shows "No file chosen" and "Choose file or drop file" side by side, with only a
// visually hidden comma between them, so its visible text reads "No file chosenChoose file…", which is not in its
// accessible name (WCAG 2.5.3, axe label-content-name-mismatch). A space after the status keeps the words apart;
// the component only ever changes the status's own text, so the space stays.
for (const status of document.querySelectorAll(".nhsuk-file-upload__status")) {
  status.after(" ");
}

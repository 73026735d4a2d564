// Draws every figure on the page or in content htmx brings in: an element with data-figure="ID" and a
// <script type="application/json" id="ID"> holding {data, layout} (written by segmint.web.charts).
// A separate file because the pages' Content-Security-Policy allows no inline script.
function drawFigures(root) {
  for (const target of root.querySelectorAll("[data-figure]")) {
    const source = document.getElementById(target.dataset.figure);
    if (!source || typeof Plotly === "undefined" || target.dataset.drawn) continue;
    target.dataset.drawn = "1";
    const figure = JSON.parse(source.textContent);
    Plotly.newPlot(target, figure.data, figure.layout, { displaylogo: false, responsive: true });
  }
}
document.addEventListener("DOMContentLoaded", () => drawFigures(document));
document.addEventListener("htmx:load", (event) => drawFigures(event.detail.elt));

// Draws every figure the page carries: an element with data-figure="ID" and a
// <script type="application/json" id="ID"> holding {data, layout} (written by segmint.web.charts).
// A separate file because the pages' Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", () => {
  for (const target of document.querySelectorAll("[data-figure]")) {
    const source = document.getElementById(target.dataset.figure);
    if (!source || typeof Plotly === "undefined") continue;
    const figure = JSON.parse(source.textContent);
    Plotly.newPlot(target, figure.data, figure.layout, { displaylogo: false, responsive: true });
  }
});

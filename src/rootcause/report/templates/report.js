(function () {
  var root = document.documentElement;
  root.className += " js";
  var panels = Array.prototype.slice.call(document.querySelectorAll(".panel"));
  var tabs = Array.prototype.slice.call(document.querySelectorAll(".tabs a"));
  function show() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    var panel = el ? el.closest(".panel") : document.getElementById("tab-" + id);
    if (!panel) { panel = panels[0]; }
    panels.forEach(function (p) { p.classList.toggle("active", p === panel); });
    tabs.forEach(function (a) { a.classList.toggle("active", "#tab-" + a.getAttribute("href").slice(1) === "#" + panel.id); });
    if (el) { el.scrollIntoView(); } else { window.scrollTo(0, 0); }
  }
  window.addEventListener("hashchange", show);
  if (panels.length) { show(); }
  function key(cell) {
    var v = cell.getAttribute("data-v");
    if (v !== null && v !== "" && !isNaN(v)) { return parseFloat(v); }
    return (v !== null ? v : cell.textContent).trim().toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.querySelectorAll("th");
    Array.prototype.forEach.call(heads, function (th, col) {
      th.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          var c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();

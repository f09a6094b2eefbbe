// The workbench's one script (served by the app; the CSP allows no inline code).
// The pages work without it: it only stops a form from being sent twice by a double click.
"use strict";
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  }, 0);
});
window.addEventListener("pageshow", function () {
  // back from the browser's cache: the forms can be sent again
  document.querySelectorAll("form[data-sent]").forEach(function (f) {
    delete f.dataset.sent;
    f.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
  });
});

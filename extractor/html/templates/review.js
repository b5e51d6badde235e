"use strict";
(function () {
  var back = document.getElementById("back");
  var returnTo = null;
  function clearActive() {
    document.querySelectorAll("mark.active, tr.active").forEach(function (el) { el.classList.remove("active"); });
  }
  function jump(ref, button) {
    var marks = document.querySelectorAll('mark[data-refs~="' + ref + '"]');
    if (!marks.length) { return; }
    clearActive();
    marks.forEach(function (m) { m.classList.add("active"); });
    var row = document.getElementById(ref + "-row");
    if (row) { row.classList.add("active"); }
    returnTo = button || row;
    marks[0].scrollIntoView({block: "center"});
    marks[0].focus({preventScroll: true});
    back.hidden = false;
    back.textContent = "↩ Back to " + (row ? row.firstElementChild.textContent : "the table");
  }
  function goBack() {
    if (!returnTo) { return; }
    returnTo.scrollIntoView({block: "center"});
    returnTo.focus({preventScroll: true});
    back.hidden = true;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.jump");
    if (button) { jump(button.dataset.ref, button); return; }
    var mark = event.target.closest("mark[data-refs]");
    if (mark) {
      var ref = mark.dataset.refs.split(" ")[0];
      var target = document.querySelector('button.jump[data-ref="' + ref + '"]');
      if (target) { clearActive(); mark.classList.add("active"); returnTo = target; goBack(); }
    }
  });
  document.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest("mark[data-refs]");
    if (event.key === "Escape" || (mark && event.key === "Enter")) { event.preventDefault(); goBack(); }
  });
  back.addEventListener("click", goBack);
  document.getElementById("filters").addEventListener("submit", function (event) { event.preventDefault(); });

  var code = document.getElementById("f-code");
  var conf = document.getElementById("f-conf");
  var out = document.getElementById("f-conf-out");
  var status = document.getElementById("f-status");
  var docs = Array.prototype.slice.call(document.querySelectorAll("article.doc"));
  var nav = {};
  document.querySelectorAll("#nav li").forEach(function (li) { nav[li.dataset.for] = li; });
  function matches(row, wanted, most) {
    var codes = row.dataset.codes ? row.dataset.codes.split(" ") : [];
    var ok = wanted === "all" || (wanted === "any" ? codes.length > 0 :
      wanted === "none" ? codes.length === 0 : codes.indexOf(wanted) >= 0);
    if (ok && most < 1) {
      ok = row.dataset.conf !== "" && parseFloat(row.dataset.conf) <= most + 1e-9;
    }
    return ok;
  }
  function applyFilters() {
    var wanted = code.value, most = parseFloat(conf.value);
    var active = wanted !== "all" || most < 1;
    var claims = 0, shown = 0;
    out.textContent = most.toFixed(2);
    docs.forEach(function (doc) {
      var n = 0;
      doc.querySelectorAll("tr.claim").forEach(function (row) {
        var ok = matches(row, wanted, most);
        row.hidden = !ok;
        if (ok) { n += 1; }
      });
      var show = !active || n > 0;
      doc.hidden = !show;
      if (nav[doc.id]) { nav[doc.id].hidden = !show; }
      claims += n;
      if (show) { shown += 1; }
    });
    status.textContent = active ? claims + " claim(s) in " + shown + " article(s) match" : "";
  }
  code.addEventListener("change", applyFilters);
  conf.addEventListener("input", applyFilters);
})();

// The moderator's blur editor: drag rectangles over the photo; they are kept as fractions of
// the photo's width and height in a hidden input, and the server burns them into the public copy.
(function () {
  "use strict";
  var editor = document.getElementById("blur-editor");
  if (!editor) return;
  var input = document.getElementById(editor.getAttribute("data-boxes-input"));
  var count = document.getElementById("blur-count");
  var boxes = [];
  var start = null, drawing = null;

  function frac(event) {
    var rect = editor.getBoundingClientRect();
    var x = (event.clientX - rect.left) / rect.width, y = (event.clientY - rect.top) / rect.height;
    return [Math.min(1, Math.max(0, x)), Math.min(1, Math.max(0, y))];
  }
  function place(el, b) {
    el.style.left = (b[0] * 100) + "%"; el.style.top = (b[1] * 100) + "%";
    el.style.width = (b[2] * 100) + "%"; el.style.height = (b[3] * 100) + "%";
  }
  function save() {
    input.value = JSON.stringify(boxes.map(function (b) { return b.box; }));
    if (count) count.textContent = boxes.length ? boxes.length + " ▣" : "";
  }
  function box(a, b) {
    var x = Math.min(a[0], b[0]), y = Math.min(a[1], b[1]);
    return [x, y, Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1])];
  }
  editor.addEventListener("pointerdown", function (event) {
    if (event.target.classList.contains("pt-box")) return;
    event.preventDefault();
    editor.setPointerCapture(event.pointerId);
    start = frac(event);
    drawing = document.createElement("div");
    drawing.className = "pt-box";
    editor.appendChild(drawing);
    place(drawing, [start[0], start[1], 0, 0]);
  });
  editor.addEventListener("pointermove", function (event) {
    if (!drawing) return;
    place(drawing, box(start, frac(event)));
  });
  editor.addEventListener("pointerup", function (event) {
    if (!drawing) return;
    var b = box(start, frac(event));
    if (b[2] < 0.01 || b[3] < 0.01) { drawing.remove(); }
    else {
      var entry = { box: b.map(function (v) { return Math.round(v * 10000) / 10000; }), el: drawing };
      boxes.push(entry);
      drawing.addEventListener("click", function () {
        boxes = boxes.filter(function (other) { return other !== entry; });
        entry.el.remove(); save();
      });
      save();
    }
    drawing = null; start = null;
  });
})();

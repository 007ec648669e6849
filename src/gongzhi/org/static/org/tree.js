/* The node browser's tree: a toggle opens a node's children (htmx fetches them the first
 * time) and shows the same children on the map beside it. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".tree .toggle");
    if (!toggle) return;
    var list = document.getElementById(toggle.getAttribute("aria-controls"));
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "−" : "+";
    if (list) list.hidden = !open;
    var mapElement = document.querySelector("[data-gz-map]");
    if (open && mapElement && mapElement.gzMap) mapElement.gzMap.showChildrenOf(toggle.dataset.nodeCode);
  });
})();

/* Behaviour shared by every page, kept out of the markup so that the Content-Security-Policy
   can refuse inline scripts: a <select data-autosubmit> sends its form when it changes. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });
})();

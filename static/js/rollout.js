/* Rollout's own behaviour: progressive enhancement only, every page works without it.
   Loaded with the CSP nonce from templates/base.html; no inline script or style. */
(function () {
  "use strict";

  /* The decision form: show only the chosen outcome's own fields (its fieldsets carry
     data-outcome, one outcome or several separated by spaces). A hidden part is also
     disabled, so it is not sent; what was typed in it stays, should the executive come
     back to that outcome. Nothing chosen: none shown. */
  function showChosenOutcome(form) {
    var chosen = form.querySelector('input[name="outcome"]:checked');
    form.querySelectorAll("[data-outcome]").forEach(function (part) {
      var outcomes = part.getAttribute("data-outcome").split(" ");
      var shown = chosen !== null && outcomes.indexOf(chosen.value) !== -1;
      part.hidden = !shown;
      part.disabled = !shown;
    });
  }

  function setUpOutcomeForms(root) {
    root.querySelectorAll("form[data-outcome-form]").forEach(function (form) {
      showChosenOutcome(form);
      form.addEventListener("change", function (event) {
        if (event.target && event.target.name === "outcome") {
          showChosenOutcome(form);
        }
      });
    });
  }

  /* A refused form's error summary at the top of the page: focused, so it is read out and
     in view (its autofocus attribute does the same where the browser honours it). */
  function focusErrorSummary(root) {
    var summary = root.querySelector("[data-focus-on-load]");
    if (summary !== null && document.activeElement !== summary) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpOutcomeForms(document);
    focusErrorSummary(document);
  });
})();

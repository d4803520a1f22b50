/* The comment form's "Mention someone": a name picked from the rollout's people (a datalist,
   so typing a display name in Chinese finds the user name too) goes into the comment as
   @username where the comment's cursor was. Progressive enhancement: without it, one types @username.
   Listens on the document, so a thread swapped in by htmx needs no setting up. */
(function () {
  "use strict";

  function insertMention(picker) {
    var name = picker.value.trim();
    var box = document.getElementById(picker.getAttribute("data-mention-into"));
    var known = Array.prototype.some.call(
      (picker.list && picker.list.options) || [],
      function (option) { return option.value === name; }
    );
    if (!box || !known) {
      return;
    }
    var at = box.selectionStart === null ? box.value.length : box.selectionStart;
    var before = box.value.slice(0, at);
    var space = before === "" || /\s$/.test(before) ? "" : " ";
    var text = space + "@" + name + " ";
    box.value = before + text + box.value.slice(at);
    picker.value = "";
    box.focus();
    box.setSelectionRange(at + text.length, at + text.length);
  }

  function isPicker(element) {
    return element && element.hasAttribute && element.hasAttribute("data-mention-into");
  }

  /* A name picked from the list (Chromium says so with insertReplacementText), or the
     picker left with a full name in it. */
  document.addEventListener("input", function (event) {
    if (isPicker(event.target) && event.inputType === "insertReplacementText") {
      insertMention(event.target);
    }
  });
  document.addEventListener("change", function (event) {
    if (isPicker(event.target)) {
      insertMention(event.target);
    }
  });
  /* Enter in the picker puts the name in; it must not send the comment half written. */
  document.addEventListener("keydown", function (event) {
    if (isPicker(event.target) && event.key === "Enter") {
      event.preventDefault();
      insertMention(event.target);
    }
  });
})();

/* The board and the task lists: "Copy link" of a filtered view, and the Kanban's drag and
   drop. Progressive enhancement only: without it the link is a plain link and each card's
   buttons move it (the same verify and send-back forms the drop submits). */
(function () {
  "use strict";

  function setUpCopyLinks(root) {
    root.querySelectorAll("[data-copy-link]").forEach(function (button) {
      button.addEventListener("click", function () {
        var id = button.getAttribute("data-copy-link");
        var link = document.getElementById(id);
        var told = root.querySelector('[data-copied-for="' + id + '"]');
        if (link === null || !navigator.clipboard) {
          return;
        }
        navigator.clipboard.writeText(link.href).then(function () {
          if (told !== null) {
            told.hidden = false;
            told.classList.remove("visually-hidden");
          }
        });
      });
    });
  }

  /* A claimed card dropped on "Verified done" submits its verify form; dropped on "Sent
     back", its reason field takes the focus (a send-back needs the reason, typed). */
  function setUpKanban(board) {
    var dragged = null;
    board.querySelectorAll("[data-movable]").forEach(function (card) {
      card.addEventListener("dragstart", function (event) {
        dragged = card.getAttribute("data-movable");
        event.dataTransfer.setData("text/plain", dragged);
        event.dataTransfer.effectAllowed = "move";
      });
      card.addEventListener("dragend", function () {
        dragged = null;
      });
    });
    board.querySelectorAll(".kanban-column").forEach(function (column) {
      var status = column.getAttribute("data-status");
      if (status !== "verified" && status !== "sent_back") {
        return;
      }
      column.addEventListener("dragover", function (event) {
        if (dragged !== null) {
          event.preventDefault();
          column.classList.add("border-primary");
        }
      });
      column.addEventListener("dragleave", function () {
        column.classList.remove("border-primary");
      });
      column.addEventListener("drop", function (event) {
        event.preventDefault();
        column.classList.remove("border-primary");
        var pk = event.dataTransfer.getData("text/plain") || dragged;
        if (!pk) {
          return;
        }
        if (status === "verified") {
          var verify = board.querySelector('[data-verify-form="' + pk + '"]');
          if (verify !== null) {
            verify.requestSubmit();
          }
        } else {
          var sendBack = board.querySelector('[data-send-back-form="' + pk + '"]');
          if (sendBack !== null) {
            var reason = sendBack.querySelector('input[name="reason"]');
            reason.focus();
            if (reason.value.trim() !== "") {
              sendBack.requestSubmit();
            }
          }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpCopyLinks(document);
    document.querySelectorAll("[data-kanban]").forEach(setUpKanban);
  });
})();

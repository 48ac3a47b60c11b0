// Clapboard: the little behaviour the pages need beyond htmx. No inline scripts (CSP).
(function () {
  "use strict";

  // Copy buttons: <button data-copy="#input-id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var field = document.querySelector(button.getAttribute("data-copy"));
    if (!field) return;
    field.select();
    var done = function () {
      var label = button.textContent;
      button.textContent = "✓";
      window.setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done);
    } else if (document.execCommand("copy")) {
      done();
    }
  });

  // Plain forms that need a confirmation: <form data-confirm="Sure?">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // Close an open menu (details) with Escape or a click elsewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    });
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });

  // After htmx swaps a panel that has an error summary, move focus to it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var summary = document.querySelector("#main .error-summary");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
  });

  // Breakdown: selecting words in a scene's text fills the "Add an element" form with
  // the words and their offsets in the scene text (the text node contents are exactly it).
  document.addEventListener("mouseup", function () {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    var container = range.commonAncestorContainer;
    var text = container.nodeType === 1 ? container.closest("[data-scene-text]") : container.parentElement && container.parentElement.closest("[data-scene-text]");
    if (!text) return;
    var form = document.querySelector("[data-tag-form]");
    if (!form) return;
    var before = document.createRange();
    before.selectNodeContents(text);
    before.setEnd(range.startContainer, range.startOffset);
    var start = before.toString().length;
    var words = range.toString();
    var trimmed = words.replace(/^\s+/, "");
    start += words.length - trimmed.length;
    trimmed = trimmed.replace(/\s+$/, "");
    if (!trimmed) return;
    form.querySelector("[name=start]").value = start;
    form.querySelector("[name=end]").value = start + trimmed.length;
    form.querySelector("[name=name]").value = trimmed.replace(/\s+/g, " ");
  });
  // Budget sheet: ↑/↓ (and Enter) move to the same column of the line above or below;
  // a chapter's toggle hides its accounts and lines; the search box hides the lines that
  // do not match. Saving is htmx's (the line row posts on change).
  function sheetLines(sheet) {
    return Array.prototype.slice.call(sheet.querySelectorAll("tr.sheet__line--edit"));
  }
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".sheet__line--edit [data-col]")) return;
    var down = event.key === "ArrowDown" || (event.key === "Enter" && input.tagName === "INPUT");
    if (!down && event.key !== "ArrowUp") return;
    if (input.tagName === "SELECT" && event.key !== "Enter") return;
    var sheet = input.closest("[data-sheet]");
    var rows = sheetLines(sheet).filter(function (row) { return row.offsetParent !== null; });
    var index = rows.indexOf(input.closest("tr"));
    var next = rows[index + (down ? 1 : -1)];
    if (!next) return;
    event.preventDefault();
    if (event.key === "Enter") input.dispatchEvent(new Event("change", { bubbles: true }));
    var target = next.querySelector('[data-col="' + input.getAttribute("data-col") + '"]');
    if (target) { target.focus(); if (target.select) target.select(); }
  });
  function setChapter(sheet, chapter, open) {
    sheet.querySelectorAll('tr[data-chapter="' + chapter + '"]').forEach(function (row) {
      row.classList.toggle("is-collapsed", !open);
    });
    var toggle = sheet.querySelector('[data-toggle-chapter="' + chapter + '"]');
    if (toggle) toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-toggle-chapter]");
    var sheet = document.querySelector("[data-sheet]");
    if (toggle && sheet) {
      setChapter(sheet, toggle.getAttribute("data-toggle-chapter"), toggle.getAttribute("aria-expanded") !== "true");
      return;
    }
    var all = event.target.closest("[data-collapse-all], [data-expand-all]");
    if (all && sheet) {
      var open = all.hasAttribute("data-expand-all");
      sheet.querySelectorAll("[data-toggle-chapter]").forEach(function (button) {
        setChapter(sheet, button.getAttribute("data-toggle-chapter"), open);
      });
    }
  });
  document.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches("[data-sheet-search]")) return;
    var sheet = document.querySelector("[data-sheet]");
    if (!sheet) return;
    var words = event.target.value.trim().toLowerCase();
    sheet.classList.toggle("is-searching", words.length > 0);
    sheet.querySelectorAll("tr.sheet__line").forEach(function (row) {
      var text = row.textContent;
      row.querySelectorAll("input").forEach(function (field) { text += " " + field.value; });
      row.classList.toggle("is-filtered-out", words.length > 0 && text.toLowerCase().indexOf(words) === -1);
    });
  });
  // Stripboard: drag strips with SortableJS (loaded by the board page only); the new order
  // is posted with the board's version and the server answers with the board re-rendered.
  function initBoards(root) {
    if (!window.Sortable || !root.querySelectorAll) return;
    var lists = root.matches && root.matches("[data-sortable]") ? [root] : [];
    root.querySelectorAll("[data-sortable]").forEach(function (list) { lists.push(list); });
    lists.forEach(function (list) {
      if (list.sortableReady) return;
      list.sortableReady = true;
      window.Sortable.create(list, {
        handle: ".strip__handle",
        draggable: ".strip",
        animation: 120,
        ghostClass: "strip--ghost",
        chosenClass: "strip--chosen",
        onEnd: function (event) {
          if (event.oldIndex === event.newIndex) return;
          var board = list.closest("[data-board]");
          var form = board && board.querySelector("[data-reorder-form]");
          if (!form) return;
          var ids = [];
          list.querySelectorAll(".strip[data-id]").forEach(function (row) { ids.push(row.getAttribute("data-id")); });
          form.querySelector("[name=order]").value = ids.join(",");
          window.htmx.trigger(form, "submit");
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    initBoards(document);
    if (window.htmx) window.htmx.onLoad(initBoards);
  });
  // A refused change (stale version: 409, bad input: 400) comes back with the thing as it
  // now is and a message; targets marked data-swap-refusals (the stripboard, a budget
  // line) show it instead of htmx dropping the answer.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var target = event.detail.target;
    if ((status === 409 || status === 400) && target && target.hasAttribute("data-swap-refusals")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();

// Reply box: "/" opens the office's saved replies (already filled for this ticket by the server), arrows
// move, Enter or Tab inserts, Escape closes; Ctrl+Enter (Cmd+Enter on a Mac) sends the reply.
(function () {
  "use strict";
  var box = document.getElementById("reply-text");
  var list = document.getElementById("saved-replies");
  if (!box) { return; }
  var items = list ? Array.prototype.slice.call(list.querySelectorAll("li")) : [];
  var start = -1;  // where the "/" that opened the picker sits in the box
  var active = -1;

  box.setAttribute("aria-autocomplete", "list");
  if (list) { box.setAttribute("aria-controls", list.id); }

  function visible() {
    return items.filter(function (item) { return !item.hidden; });
  }
  function close() {
    if (!list) { return; }
    list.hidden = true;
    start = active = -1;
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
  }
  function highlight(index) {
    var shown = visible();
    active = shown.length ? (index + shown.length) % shown.length : -1;
    items.forEach(function (item) { item.setAttribute("aria-selected", "false"); });
    if (active < 0) { box.removeAttribute("aria-activedescendant"); return; }
    shown[active].setAttribute("aria-selected", "true");
    shown[active].scrollIntoView({block: "nearest"});
    box.setAttribute("aria-activedescendant", shown[active].id);
  }
  // The text typed after "/" narrows the list by title; a space or a line end closes the picker.
  function filter() {
    var typed = box.value.slice(start + 1, box.selectionStart);
    if (box.value.charAt(start) !== "/" || /\s/.test(typed) || box.selectionStart <= start) { close(); return; }
    var wanted = typed.toLowerCase();
    items.forEach(function (item) {
      item.hidden = item.firstChild.textContent.toLowerCase().indexOf(wanted) === -1;
    });
    list.hidden = !visible().length;
    box.setAttribute("aria-expanded", String(!list.hidden));
    highlight(0);
  }
  function open() {
    if (!items.length) { return; }
    start = box.selectionStart - 1;
    filter();
  }
  function insert(item) {
    var text = item.getAttribute("data-text");
    var before = box.value.slice(0, start);
    var after = box.value.slice(box.selectionStart);
    box.value = before + text + after;
    var caret = before.length + text.length;
    box.setSelectionRange(caret, caret);
    close();
    box.focus();
    box.dispatchEvent(new Event("input"));  // console.js keeps the draft
  }

  box.addEventListener("input", function (event) {
    if (event.inputType === "insertText" && event.data === "/") {
      var at = box.selectionStart - 1;
      if (at === 0 || /\s/.test(box.value.charAt(at - 1))) { open(); return; }  // "/" starting a word only
    }
    if (start >= 0) { filter(); }
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      close();
      if (box.form.reportValidity()) { box.form.requestSubmit(); }
      return;
    }
    if (start < 0 || list.hidden) { return; }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
      event.preventDefault();
      insert(visible()[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  box.addEventListener("blur", function () { setTimeout(close, 150); });  // after a click on an item
  items.forEach(function (item) {
    item.addEventListener("mousedown", function (event) {
      event.preventDefault();  // keep the caret in the box
      insert(item);
    });
  });
})();

// An editor that renders a whole new element on every keystroke, as a framework does when
// the editor's key changes or a template re-renders its container: the old contenteditable
// leaves the page, a new one takes its place, focus and caret move to it.
const holder = document.getElementById("editor").parentElement;
let model = "";
window.renders = 0;
window.editorModel = () => model;

function caretOffset(root) {
  const sel = getSelection();
  if (!sel.rangeCount || !root.contains(sel.focusNode)) return model.length;
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(sel.focusNode, sel.focusOffset);
  return range.toString().length;
}

holder.addEventListener("input", (event) => {
  const old = event.target;
  const caret = caretOffset(old);
  model = old.textContent;
  const fresh = old.cloneNode(false); // same id, class and attributes; new element
  fresh.textContent = model;
  old.replaceWith(fresh);
  fresh.focus();
  getSelection().collapse(fresh.firstChild || fresh, Math.min(caret, model.length));
  window.renders += 1;
});

// An editor in the manner of React, Draft.js or Lexical: the text lives in its own model,
// and on every input event it reads the change into the model, throws its DOM away and
// renders the model again (a span per word), putting the caret back. A change made to the
// DOM without an input event would be lost at the next render; one made with it sticks.
const root = document.getElementById("editor");
let model = "";
window.renders = 0;
window.editorModel = () => model;

function caretOffset() {
  const sel = getSelection();
  if (!sel.rangeCount || !root.contains(sel.focusNode)) return null;
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(sel.focusNode, sel.focusOffset);
  return range.toString().length;
}

function placeCaret(offset) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let left = offset;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (left <= node.data.length) {
      getSelection().collapse(node, left);
      return;
    }
    left -= node.data.length;
  }
  getSelection().collapse(root, root.childNodes.length);
}

function render(caret) {
  const spans = (model.match(/\s+|\S+/g) || []).map((token) => {
    const span = document.createElement("span");
    span.className = /\s/.test(token) ? "space" : "word";
    span.textContent = token;
    return span;
  });
  root.replaceChildren(...spans);
  window.renders += 1;
  if (caret !== null) placeCaret(caret);
}

root.addEventListener("input", () => {
  const caret = caretOffset();
  model = root.textContent;
  render(caret);
});

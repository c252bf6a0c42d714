// An editor in the manner of Slate or Lexical: every change arrives as a beforeinput event
// that it cancels and applies to its own model, then it renders the model (a span per
// word). A change made to the DOM behind its back, even with an input event, never reaches
// the model and is gone at the next render.
const root = document.getElementById("editor");
let model = "";
window.renders = 0;
window.editorModel = () => model;

function offsetOf(node, offset) {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

function selected(event) {
  const [target] = event.getTargetRanges ? event.getTargetRanges() : [];
  const sel = getSelection();
  if (target) return [offsetOf(target.startContainer, target.startOffset),
    offsetOf(target.endContainer, target.endOffset)];
  const r = sel.getRangeAt(0);
  return [offsetOf(r.startContainer, r.startOffset), offsetOf(r.endContainer, r.endOffset)];
}

function render(caret) {
  const spans = (model.match(/\s+|\S+/g) || []).map((token) => {
    const span = document.createElement("span");
    span.textContent = token;
    return span;
  });
  root.replaceChildren(...spans);
  window.renders += 1;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let left = caret;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (left <= node.data.length) return getSelection().collapse(node, left);
    left -= node.data.length;
  }
  getSelection().collapse(root, root.childNodes.length);
}

function edit(start, end, text) {
  model = model.slice(0, start) + text + model.slice(end);
  render(start + text.length);
}

root.addEventListener("beforeinput", (event) => {
  event.preventDefault();
  const [start, end] = selected(event);
  if (event.inputType.startsWith("insert")) {
    edit(start, end, event.data ?? event.dataTransfer?.getData("text/plain") ?? "");
  } else if (event.inputType === "deleteContentBackward") {
    edit(start === end ? Math.max(0, start - 1) : start, end, "");
  }
});

// what the browser did behind the editor's back is put back to the model
root.addEventListener("input", () => render(model.length));

// Field adapters: read a field's text, measure a span of it, and replace a span the way
// typing would. A replacement must reach the site's editor framework (React, Draft.js,
// Lexical, ProseMirror, Quill keep their own model of the text), so it goes through the
// browser's editing commands, which fire real input events, never through the DOM text.
"use strict";

const editing = (() => {
  // Frameworks re-render after an input event on their next tick or frame.
  const settle = () =>
    new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));

  // Editors put no-break spaces where the writer typed spaces; they are the same text.
  const same = (a, b) => a.replace(/\u00a0/g, " ") === b.replace(/\u00a0/g, " ");

  /**
   * Whether `now` shows the replacement made: the whole text as expected, or (an editor
   * may tidy whitespace elsewhere) changed, with the replacement where the span began.
   */
  function took(before, now, start, end, replacement) {
    if (same(now, before.slice(0, start) + replacement + before.slice(end))) return true;
    return !same(now, before) && same(now.slice(start, start + replacement.length), replacement);
  }

  function insert(replacement) {
    return replacement === ""
      ? document.execCommand("delete", false)
      : document.execCommand("insertText", false, replacement);
  }

  class TextareaField {
    constructor(element) {
      this.element = element;
      this.kind = "textarea";
    }

    snapshot() {
      return { text: this.element.value };
    }

    rects(snapshot, start, end, container) {
      return geometry.textareaRects(this.element, start, end, container);
    }

    async replace(start, end, replacement) {
      const el = this.element;
      const before = el.value;
      el.focus({ preventScroll: true });
      el.setSelectionRange(start, end);
      insert(replacement); // keeps the site's undo history, fires beforeinput/input
      if (el.value === before) {
        el.setRangeText(replacement, start, end, "end");
        const init = { bubbles: true, inputType: "insertReplacementText", data: replacement };
        el.dispatchEvent(new InputEvent("input", init));
      }
      await settle();
      return took(before, el.value, start, end, replacement);
    }
  }

  class RichField {
    constructor(element) {
      this.element = element;
      this.kind = "rich";
    }

    snapshot() {
      const model = textmodel.build(this.element);
      return { text: model.text, model };
    }

    rects(snapshot, start, end) {
      return geometry.richRects(snapshot.model, start, end);
    }

    select(start, end) {
      const { model } = this.snapshot();
      const a = textmodel.position(model, start, "start");
      const b = textmodel.position(model, end, "end");
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      this.element.focus({ preventScroll: true });
      const selection = this.element.ownerDocument.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }

    /**
     * Select the span and type the replacement (execCommand: the input events every editor
     * listens to). An editor that drives everything from beforeinput may undo a change it
     * did not make itself; then paste it, which every editor handles.
     */
    async replace(start, end, replacement) {
      const before = this.snapshot().text;
      this.select(start, end);
      insert(replacement);
      await settle();
      let now = this.snapshot().text;
      if (took(before, now, start, end, replacement)) return true;
      if (!same(now, before)) return false; // the editor did something else: leave it be
      this.select(start, end);
      const data = new DataTransfer();
      data.setData("text/plain", replacement);
      this.element.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
      await settle();
      now = this.snapshot().text;
      return took(before, now, start, end, replacement);
    }
  }

  function forField(element) {
    return fields.kindOf(element) === "textarea"
      ? new TextareaField(element)
      : new RichField(element);
  }

  return { forField, same };
})();

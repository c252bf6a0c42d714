// Field adapters: read a field's text, measure a span of it, and replace a span the way
// typing would. A replacement must reach the site's editor framework (React, Draft.js,
// Lexical, ProseMirror, Quill keep their own model of the text), so it goes through the
// browser's editing commands, which fire real input events, never through the DOM text.
"use strict";

const editing = (() => {
  // Frameworks re-render after an input event on their next tick or frame.
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const settle = () => nextFrame().then(() => new Promise((resolve) => setTimeout(resolve, 30)));

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

  /** The innermost focused element, through open shadow roots. */
  function focused() {
    let at = document.activeElement;
    while (at && at.shadowRoot && at.shadowRoot.activeElement) at = at.shadowRoot.activeElement;
    return at;
  }

  class Field {
    constructor(element) {
      this.element = element;
    }

    /**
     * The field's element. Some editors render a whole new element on every keystroke and
     * move focus to it: when this one has left the page, the focused field of the same
     * kind is its successor.
     */
    get el() {
      if (!this.element.isConnected) {
        const next = fields.fieldOf(focused());
        if (next && next.nodeName === this.element.nodeName) this.element = next;
      }
      return this.element;
    }
  }

  class TextareaField extends Field {
    constructor(element) {
      super(element);
      this.kind = "textarea";
    }

    snapshot() {
      return { text: this.el.value };
    }

    rects(snapshot, start, end, container) {
      return geometry.textareaRects(this.el, start, end, container);
    }

    /** Where the caret is, or null when text is selected. */
    caret() {
      const { selectionStart, selectionEnd } = this.el;
      return selectionStart === selectionEnd ? selectionStart : null;
    }

    async replace(start, end, replacement) {
      const el = this.el;
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

  class RichField extends Field {
    constructor(element) {
      super(element);
      this.kind = "rich";
    }

    snapshot() {
      const model = textmodel.build(this.el);
      return { text: model.text, model };
    }

    rects(snapshot, start, end) {
      return geometry.richRects(snapshot.model, start, end);
    }

    /** Where the caret is, as an offset into the text, or null (none, or a selection). */
    caret() {
      const selection = this.el.ownerDocument.getSelection();
      if (!selection || !selection.isCollapsed || !selection.rangeCount) return null;
      const at = selection.getRangeAt(0);
      if (!this.el.contains(at.startContainer)) return null;
      // the first piece of text at or after the caret: the caret's offset is its start
      for (const s of this.snapshot().model.segments) {
        if (s.node === at.startContainer) return s.start + at.startOffset;
        if (at.comparePoint(s.node, 0) >= 0) return s.start;
      }
      return null;
    }

    select(start, end) {
      const { model } = this.snapshot();
      const a = textmodel.position(model, start, "start");
      const b = textmodel.position(model, end, "end");
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      this.el.focus({ preventScroll: true });
      const selection = this.el.ownerDocument.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }

    /**
     * Replace the span the way the editor takes typing. Editors that own every change
     * (Slate, Lexical) take it from a beforeinput event and cancel it; the rest take
     * execCommand's edit, reported by an input event; an editor that undoes even that
     * gets a paste, which every editor handles. Each step runs only if the one before
     * changed nothing, and after each the text is read back.
     */
    async replace(start, end, replacement) {
      const before = this.snapshot().text;
      const steps = [
        () => this.beforeInput(replacement),
        () => insert(replacement) || true,
        () => this.paste(replacement),
      ];
      for (const step of steps) {
        this.select(start, end);
        await nextFrame(); // editors learn of the new selection from selectionchange
        if (!step()) continue; // not taken: on to the next way
        await settle();
        const now = this.snapshot().text;
        if (took(before, now, start, end, replacement)) return true;
        if (!same(now, before)) return false; // the editor did something else: leave it be
      }
      return false;
    }

    /** A beforeinput event an editor may act on; true if it did (cancelled the event). */
    beforeInput(replacement) {
      const event = new InputEvent("beforeinput", {
        inputType: "insertText",
        data: replacement,
        bubbles: true,
        cancelable: true,
        composed: true,
      });
      this.el.dispatchEvent(event);
      return event.defaultPrevented;
    }

    paste(replacement) {
      const data = new DataTransfer();
      data.setData("text/plain", replacement);
      const init = { clipboardData: data, bubbles: true, cancelable: true, composed: true };
      const event = new ClipboardEvent("paste", init);
      this.el.dispatchEvent(event);
      return event.defaultPrevented;
    }
  }

  function forField(element) {
    return fields.kindOf(element) === "textarea"
      ? new TextareaField(element)
      : new RichField(element);
  }

  return { forField, same };
})();

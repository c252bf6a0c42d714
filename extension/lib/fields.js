// Which element is "the field" the writer is typing in: a <textarea>, or the editing host
// of a contenteditable tree (the rich editors of X, Facebook, LinkedIn, Bluesky, ...), or
// the one editable element inside a role="textbox" wrapper.
//
// Attributes rather than isContentEditable, so the unit tests can use plain objects.
"use strict";

const fields = (() => {
  const ELEMENT = 1;

  function editableAttr(node) {
    const v = node.getAttribute("contenteditable");
    if (v === null || v === undefined) return null;
    return v.toLowerCase() !== "false"; // "", "true", "plaintext-only" all edit
  }

  function optedOut(node) {
    for (let n = node; n && n.nodeType === ELEMENT; n = n.parentNode) {
      if (n.getAttribute("data-screener") === "off") return true;
    }
    return false;
  }

  function usableTextarea(node) {
    return !node.readOnly && !node.disabled;
  }

  /** The single editable element below `node` (a role="textbox" wrapper), else null. */
  function editableInside(node) {
    const found = [];
    (function walk(n) {
      for (const c of n.childNodes) {
        if (c.nodeType !== ELEMENT || found.length > 1) continue;
        if (c.nodeName === "TEXTAREA" || editableAttr(c) === true) found.push(c);
        else walk(c);
      }
    })(node);
    return found.length === 1 ? found[0] : null;
  }

  /**
   * The field that `target` (an event's composedPath()[0]) belongs to, or null. For rich
   * editors this is the outermost contenteditable element: the editor itself, not a
   * paragraph or a span inside it.
   */
  function fieldOf(target) {
    let host = null;
    for (let n = target; n && n.nodeType === ELEMENT; n = n.parentNode) {
      if (n.nodeName === "TEXTAREA") {
        host = usableTextarea(n) ? n : null;
        break;
      }
      if (n.nodeName === "INPUT") return null;
      if (editableAttr(n) === true) host = n;
    }
    if (!host && target && target.nodeType === ELEMENT) {
      const role = target.getAttribute("role");
      if (role === "textbox" || role === "combobox") host = editableInside(target);
    }
    return host && !optedOut(host) ? host : null;
  }

  const kindOf = (field) => (field.nodeName === "TEXTAREA" ? "textarea" : "rich");

  return { fieldOf, kindOf };
})();

if (typeof module === "object") module.exports = fields;

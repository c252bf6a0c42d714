"use strict";

// Which element is the field, in the shapes the seven sites' composers take.

const test = require("node:test");
const assert = require("node:assert/strict");
const fields = require("../lib/fields.js");
const { h } = require("./fakedom.js");

function textarea(attrs = {}) {
  const t = h("textarea", attrs);
  t.readOnly = "readonly" in attrs;
  t.disabled = "disabled" in attrs;
  return t;
}

test("a textarea is its own field (Mastodon's composer)", () => {
  const t = textarea({ class: "autosuggest-textarea__textarea" });
  h("form", {}, h("div", {}, t));
  assert.equal(fields.fieldOf(t), t);
  assert.equal(fields.kindOf(t), "textarea");
});

test("read-only and disabled textareas, and inputs, are not fields", () => {
  assert.equal(fields.fieldOf(textarea({ readonly: "" })), null);
  assert.equal(fields.fieldOf(textarea({ disabled: "" })), null);
  assert.equal(fields.fieldOf(h("input", { type: "text" })), null);
});

test("a rich editor is the outermost contenteditable, not the span typed in", () => {
  const leaf = h("span", { "data-text": "true" }, "hello");
  const editor = h(
    "div",
    { contenteditable: "true", role: "textbox", "data-testid": "tweetTextarea_0" },
    h("div", { "data-contents": "true" }, h("div", { "data-block": "true" }, h("span", {}, leaf))),
  );
  h("div", { class: "DraftEditor-root" }, editor);
  assert.equal(fields.fieldOf(leaf), editor);
  assert.equal(fields.fieldOf(leaf.childNodes[0].parentNode), editor);
  assert.equal(fields.kindOf(editor), "rich");
});

test("contenteditable as '', 'true' or 'plaintext-only' edits; 'false' does not", () => {
  for (const value of ["", "true", "plaintext-only", "TRUE"]) {
    const el = h("div", { contenteditable: value });
    assert.equal(fields.fieldOf(el), el, value);
  }
  assert.equal(fields.fieldOf(h("div", { contenteditable: "false" })), null);
  assert.equal(fields.fieldOf(h("div", {})), null);
});

test("a mention chip (contenteditable=false) inside an editor belongs to the editor", () => {
  const chip = h("span", { contenteditable: "false" }, "@maria");
  const editor = h("div", { contenteditable: "true" }, h("p", {}, "Hi ", chip));
  assert.equal(fields.fieldOf(chip), editor);
});

test("a role=textbox wrapper leads to the one editable element inside it", () => {
  const inner = h("div", { contenteditable: "true", class: "ql-editor" });
  const wrapper = h("div", { role: "textbox" }, h("div", {}, inner));
  assert.equal(fields.fieldOf(wrapper), inner);
  const two = h("div", { role: "textbox" }, h("div", { contenteditable: "" }), textarea());
  assert.equal(fields.fieldOf(two), null); // which one? neither
});

test("a page can opt a field out with data-screener=off", () => {
  const editor = h("div", { contenteditable: "true" }, "code");
  h("div", { "data-screener": "off" }, editor);
  assert.equal(fields.fieldOf(editor), null);
  assert.equal(fields.fieldOf(textarea({ "data-screener": "off" })), null);
});

test("an editing body (an iframe editor's) is the field", () => {
  const p = h("p", {}, "text");
  const body = h("body", { contenteditable: "true" }, p);
  h("html", {}, body);
  assert.equal(fields.fieldOf(p), body);
});

"use strict";

// The editors' DOM as the sites render it, read as the text the writer sees, and spans of
// that text mapped back to DOM positions.

const test = require("node:test");
const assert = require("node:assert/strict");
const textmodel = require("../lib/textmodel.js");
const { h } = require("./fakedom.js");

function textAt(model, start, end) {
  // the characters between two DOM positions that are both inside text nodes
  const a = textmodel.position(model, start, "start");
  const b = textmodel.position(model, end, "end");
  assert.equal(a.node.nodeType, 3);
  assert.equal(b.node.nodeType, 3);
  if (a.node === b.node) return a.node.data.slice(a.offset, b.offset);
  const segs = model.segments.filter((s) => s.kind === "text");
  const i = segs.findIndex((s) => s.node === a.node);
  const j = segs.findIndex((s) => s.node === b.node);
  const middle = segs.slice(i + 1, j).map((s) => s.node.data);
  return [a.node.data.slice(a.offset), ...middle, b.node.data.slice(0, b.offset)].join("");
}

test("a plain contenteditable div with <br> line breaks", () => {
  const root = h("div", { contenteditable: "true" }, "Hello", h("br"), "Maria Lopez");
  const model = textmodel.build(root);
  assert.equal(model.text, "Hello\nMaria Lopez");
  assert.equal(textAt(model, 6, 17), "Maria Lopez");
});

test("Chrome's own markup: a first line, then a <div> per line", () => {
  const line = (...kids) => h("div", {}, ...kids);
  const root = h("div", {}, "Line one", line("Line two"), line(h("br")), line("four"));
  assert.equal(textmodel.build(root).text, "Line one\nLine two\n\nfour");
});

test("Draft.js (X): blocks of spans, <br data-text> on an empty line", () => {
  const inner = (...kids) => h("div", { class: "public-DraftStyleDefault-block" }, ...kids);
  const block = (...kids) => h("div", { "data-block": "true" }, inner(...kids));
  const leaf = (text) => h("span", {}, h("span", { "data-text": "true" }, text));
  const root = h(
    "div",
    { contenteditable: "true", role: "textbox", "data-testid": "tweetTextarea_0" },
    h(
      "div",
      { "data-contents": "true" },
      block(leaf("So proud of my client ")),
      block(h("span", {}, h("br", { "data-text": "true" }))),
      block(leaf("Maria"), leaf(" Lopez")),
    ),
  );
  const model = textmodel.build(root);
  assert.equal(model.text, "So proud of my client \n\nMaria Lopez");
  const at = model.text.indexOf("Maria Lopez");
  assert.equal(textAt(model, at, at + 11), "Maria Lopez");
});

test("ProseMirror (Bluesky): a trailing <br> in each block adds no line", () => {
  const root = h(
    "div",
    { class: "ProseMirror", contenteditable: "true" },
    h("p", {}, "First line", h("br", { class: "ProseMirror-trailingBreak" })),
    h("p", {}, "Maria Lopez got her GED"),
  );
  assert.equal(textmodel.build(root).text, "First line\nMaria Lopez got her GED");
});

test("Lexical (Facebook, Threads, Instagram): an empty paragraph is one empty line", () => {
  const root = h(
    "div",
    { contenteditable: "true", role: "textbox", "data-lexical-editor": "true" },
    h("p", {}, h("span", { "data-lexical-text": "true" }, "Hello")),
    h("p", {}, h("br")),
    h("p", {}, h("span", { "data-lexical-text": "true" }, "Maria Lopez")),
  );
  assert.equal(textmodel.build(root).text, "Hello\n\nMaria Lopez");
});

test("Quill (LinkedIn): paragraphs, and an empty editor is empty", () => {
  const blank = { class: "ql-editor ql-blank", contenteditable: "true" };
  const empty = h("div", blank, h("p", {}, h("br")));
  assert.equal(textmodel.build(empty).text, "\n");
  const root = h("div", { class: "ql-editor" }, h("p", {}, "One"), h("p", {}, "Two"));
  assert.equal(textmodel.build(root).text, "One\nTwo");
});

test("emoji drawn as images count as their alt text", () => {
  const img = h("img", { alt: "🎉", src: "emoji.png" });
  const root = h("div", {}, "Party ", img, " for Maria Lopez");
  const model = textmodel.build(root);
  assert.equal(model.text, "Party 🎉 for Maria Lopez");
  const at = model.text.indexOf("Maria");
  assert.equal(textAt(model, at, at + 11), "Maria Lopez");
  // a span that covers the image begins before it and ends after it
  assert.deepEqual(textmodel.position(model, 6, "start"), { node: root, offset: 1 });
  assert.deepEqual(textmodel.position(model, 8, "end"), { node: root, offset: 2 });
});

test("scripts, styles and hidden elements are not text", () => {
  const hidden = h("span", { hidden: "" }, "secret");
  const root = h("div", {}, h("style", {}, "p{}"), "Hi ", hidden, "there");
  assert.equal(textmodel.build(root).text, "Hi there");
});

test("offsets count UTF-16 units, as JavaScript and the API's utf16 option do", () => {
  const root = h("div", {}, h("span", {}, "🎉🎉 So proud of "), h("span", {}, "Maria Lopez"));
  const model = textmodel.build(root);
  const at = model.text.indexOf("Maria");
  assert.equal(at, 17); // 2 emoji × 2 units + 13 characters
  assert.equal(Array.from(model.text.slice(0, at)).length, 15); // the API's default unit
  const start = textmodel.position(model, at, "start");
  assert.equal(start.node.data, "Maria Lopez");
  assert.equal(start.offset, 0);
});

test("ranges stay tight at text node boundaries", () => {
  const a = h("span", {}, "Maria");
  const b = h("span", {}, " Lopez");
  const model = textmodel.build(h("div", {}, a, b));
  // the start of "Lopez"'s span is the start of its node, not the end of "Maria"
  assert.equal(textmodel.position(model, 5, "start").node, b.childNodes[0]);
  // the end of "Maria" is the end of its node, not the start of " Lopez"
  assert.equal(textmodel.position(model, 5, "end").node, a.childNodes[0]);
});

test("an empty editor maps every offset to its start", () => {
  const root = h("div", {});
  const model = textmodel.build(root);
  assert.equal(model.text, "");
  assert.deepEqual(textmodel.position(model, 0, "start"), { node: root, offset: 0 });
});

"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const offsets = require("../lib/offsets.js");

const EMOJI = "🎉🎉 So proud of my client Maria Lopez! 𝒜 big day";
const NAME = "Maria Lopez";

test("UTF-16 and code point indexes agree before any astral character", () => {
  const text = "plain ASCII text";
  for (let i = 0; i <= text.length; i += 1) {
    assert.equal(offsets.codePointToUtf16(text, i), i);
    assert.equal(offsets.utf16ToCodePoint(text, i), i);
  }
});

test("an emoji is one code point and two UTF-16 units", () => {
  const at = EMOJI.indexOf(NAME); // UTF-16
  const cp = Array.from(EMOJI.slice(0, at)).length; // what Python would say
  assert.equal(at - cp, 2);
  assert.equal(offsets.codePointToUtf16(EMOJI, cp), at);
  assert.equal(offsets.utf16ToCodePoint(EMOJI, at), cp);
});

test("the mapping round-trips at every code point boundary", () => {
  const text = "a😀b𝒜c\u0301é🇺🇸";
  const points = Array.from(text).length;
  for (let cp = 0; cp <= points; cp += 1) {
    assert.equal(offsets.utf16ToCodePoint(text, offsets.codePointToUtf16(text, cp)), cp);
  }
});

test("an index inside a surrogate pair maps to the pair's code point", () => {
  assert.equal(offsets.utf16ToCodePoint("😀x", 1), 0);
  assert.equal(offsets.utf16ToCodePoint("😀x", 2), 1);
});

test("indexes past the end are clamped", () => {
  assert.equal(offsets.codePointToUtf16("ab", 10), 2);
  assert.equal(offsets.utf16ToCodePoint("ab", 10), 2);
});

test("a lone surrogate counts as one code point", () => {
  const text = "a\ud800b";
  assert.equal(offsets.codePointToUtf16(text, 2), 2);
  assert.equal(offsets.utf16ToCodePoint(text, 3), 3);
});

test("locate trusts UTF-16 offsets that point at the passage", () => {
  const start = EMOJI.indexOf(NAME);
  const v = { start, end: start + NAME.length, text: NAME };
  assert.deepEqual(offsets.locate(EMOJI, v), { start, end: start + NAME.length });
});

test("locate converts code point offsets from a server that ignored offsets=utf16", () => {
  const start = EMOJI.indexOf(NAME);
  const cp = offsets.utf16ToCodePoint(EMOJI, start);
  const v = { start: cp, end: cp + NAME.length, text: NAME };
  assert.deepEqual(offsets.locate(EMOJI, v), { start, end: start + NAME.length });
});

test("locate finds a passage that moved while the check was in flight", () => {
  const typed = "Hi! " + EMOJI;
  const start = EMOJI.indexOf(NAME);
  const v = { start, end: start + NAME.length, text: NAME };
  assert.deepEqual(offsets.locate(typed, v), { start: start + 4, end: start + 4 + NAME.length });
});

test("locate picks the occurrence nearest the reported offset", () => {
  const text = "Ann met Ann and Ann";
  assert.equal(offsets.locate(text, { start: 9, end: 12, text: "Ann" }).start, 8);
  assert.equal(offsets.locate(text, { start: 15, end: 18, text: "Ann" }).start, 16);
});

test("locate gives up on a passage that is gone", () => {
  assert.equal(offsets.locate("So proud of my client!", { start: 3, end: 8, text: "Maria" }), null);
  assert.equal(offsets.locate("anything", { start: 0, end: 0, text: "" }), null);
});

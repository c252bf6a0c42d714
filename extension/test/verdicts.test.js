"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const verdicts = require("../lib/verdicts.js");

const v = (severity, text = "x") => ({ severity, rule_id: `r.${severity}`, text });

test("the verdict is the worst severity still shown; notes are not counted", () => {
  assert.deepEqual(verdicts.summarise([]), { verdict: "pass", count: 0 });
  assert.deepEqual(verdicts.summarise([v("info")]), { verdict: "pass", count: 0 });
  assert.deepEqual(verdicts.summarise([v("warn"), v("info")]), { verdict: "warn", count: 1 });
  assert.deepEqual(verdicts.summarise([v("warn"), v("block")]), { verdict: "block", count: 2 });
});

test("ignored passages leave the verdict and the count", () => {
  const all = [v("block", "Maria"), v("warn", "555")];
  const keep = (x) => x.text !== "Maria";
  assert.deepEqual(verdicts.summarise(all, keep), { verdict: "warn", count: 1 });
});

test("the badge: a count coloured by verdict, a tick for a pass, grey when unchecked", () => {
  const block = verdicts.badge({ state: "ok", verdict: "block", count: 2 });
  assert.equal(block.text, "2");
  assert.equal(block.color, verdicts.COLOURS.block);
  assert.match(block.title, /Do not post, 2 passages to change/);
  const warn = verdicts.badge({ state: "ok", verdict: "warn", count: 1 });
  assert.equal(warn.color, verdicts.COLOURS.warn);
  const pass = verdicts.badge({ state: "ok", verdict: "pass", count: 0 });
  assert.deepEqual([pass.text, pass.color], ["✓", verdicts.COLOURS.pass]);
  const offline = verdicts.badge({ state: "offline" });
  assert.deepEqual([offline.text, offline.color], ["–", verdicts.COLOURS.grey]);
  assert.match(offline.title, /Can't reach the screener server/);
  assert.equal(verdicts.badge({ state: "idle" }).text, "");
});

test("every failure state has words for the writer", () => {
  for (const state of ["offline", "unauthorised", "unknown_policy", "too_long", "not_ready",
    "rejected", "server_error", "permission"]) {
    assert.ok(verdicts.STATES[state], state);
  }
});

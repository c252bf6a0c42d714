"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const debounce = require("../lib/debounce.js");

/** A clock the test moves by hand. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map();
  return {
    setTimeout(fn, ms) {
      pending.set(next, { fn, at: now + ms });
      return next++;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now && pending.has(id)) {
          pending.delete(id);
          t.fn();
        }
      }
    },
    get count() {
      return pending.size;
    },
  };
}

test("calls within the wait coalesce into one, with the last arguments", () => {
  const clock = fakeTimers();
  const calls = [];
  const d = debounce.create((...a) => calls.push(a), 500, clock);
  d.schedule("a");
  clock.advance(300);
  d.schedule("ab");
  clock.advance(300);
  d.schedule("abc");
  assert.deepEqual(calls, []);
  clock.advance(499);
  assert.deepEqual(calls, []);
  clock.advance(1);
  assert.deepEqual(calls, [["abc"]]);
});

test("nothing runs again by itself: one call per pause, no timer left", () => {
  const clock = fakeTimers();
  let calls = 0;
  const d = debounce.create(() => (calls += 1), 100, clock);
  d.schedule();
  clock.advance(100);
  clock.advance(10_000);
  assert.equal(calls, 1);
  assert.equal(clock.count, 0);
  assert.equal(d.pending, false);
});

test("cancel drops the pending call", () => {
  const clock = fakeTimers();
  let calls = 0;
  const d = debounce.create(() => (calls += 1), 100, clock);
  d.schedule();
  assert.equal(d.pending, true);
  d.cancel();
  clock.advance(1000);
  assert.equal(calls, 0);
});

test("flush runs the pending call at once, and only a pending one", () => {
  const clock = fakeTimers();
  const calls = [];
  const d = debounce.create((x) => calls.push(x), 100, clock);
  assert.equal(d.flush(), false);
  d.schedule("now");
  assert.equal(d.flush(), true);
  assert.deepEqual(calls, ["now"]);
  clock.advance(1000);
  assert.deepEqual(calls, ["now"]);
});

test("works with the real clock", async () => {
  let calls = 0;
  const d = debounce.create(() => (calls += 1), 20);
  d.schedule();
  d.schedule();
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(calls, 1);
});

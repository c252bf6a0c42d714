// Debouncing: a check runs once the writer pauses, never on every keystroke. Timers are
// injectable so the unit tests need no real clock.
"use strict";

const debounce = (() => {
  /**
   * `fn` runs `wait` ms after the last `schedule(...args)`, with those args. Nothing
   * repeats by itself: only another `schedule` starts another wait.
   */
  function create(fn, wait, timers = globalThis) {
    let handle = null;
    let args = null;

    function fire() {
      handle = null;
      const a = args;
      args = null;
      fn(...a);
    }

    return {
      schedule(...next) {
        args = next;
        if (handle !== null) timers.clearTimeout(handle);
        handle = timers.setTimeout(fire, wait);
      },
      cancel() {
        if (handle !== null) timers.clearTimeout(handle);
        handle = null;
        args = null;
      },
      /** Run a pending call now (e.g. before the writer posts). */
      flush() {
        if (handle === null) return false;
        timers.clearTimeout(handle);
        fire();
        return true;
      },
      get pending() {
        return handle !== null;
      },
    };
  }

  return { create };
})();

if (typeof module === "object") module.exports = debounce;

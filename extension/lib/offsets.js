// Offsets between the API and JavaScript strings.
//
// The API counts code points by default and UTF-16 code units when asked ("offsets":
// "utf16"), which is what JavaScript strings index by. The extension asks for UTF-16, but a
// span is only trusted when the text at it is the text the server reported: an older
// server that ignores the option answers in code points, and the field may have changed
// while the check was in flight. `locate` copes with all three.
"use strict";

const offsets = (() => {
  /** UTF-16 index of code point index `cp` in `text` (clamped to the text). */
  function codePointToUtf16(text, cp) {
    let units = 0;
    let points = 0;
    while (points < cp && units < text.length) {
      const c = text.charCodeAt(units);
      const pair = c >= 0xd800 && c <= 0xdbff && units + 1 < text.length;
      const next = pair ? text.charCodeAt(units + 1) : 0;
      units += pair && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
      points += 1;
    }
    return units;
  }

  /** Code point index of UTF-16 index `unit` (a unit inside a pair counts as its start). */
  function utf16ToCodePoint(text, unit) {
    let points = 0;
    let units = 0;
    const stop = Math.min(unit, text.length);
    while (units < stop) {
      const c = text.charCodeAt(units);
      const next = units + 1 < text.length ? text.charCodeAt(units + 1) : 0;
      const pair = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
      if (pair && units + 1 === stop) break; // inside a pair: no further point started
      units += pair ? 2 : 1;
      points += 1;
    }
    return points;
  }

  /** The occurrence of `needle` in `text` whose start is closest to `near`, or -1. */
  function nearest(text, needle, near) {
    if (!needle) return -1;
    let best = -1;
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
      if (best === -1 || Math.abs(i - near) < Math.abs(best - near)) best = i;
      if (i > near) break; // later ones are only further away
    }
    return best;
  }

  /**
   * Where violation `v` ({start, end, text}) stands in `text` now, as UTF-16 [start, end),
   * or null when its passage is no longer there.
   */
  function locate(text, v) {
    const want = v.text;
    if (typeof want !== "string" || want === "") return null;
    const exact = (s) => text.slice(s, s + want.length) === want;
    if (exact(v.start) && v.end - v.start === want.length) {
      return { start: v.start, end: v.end };
    }
    const asUnits = codePointToUtf16(text, v.start);
    if (exact(asUnits)) return { start: asUnits, end: asUnits + want.length };
    const moved = nearest(text, want, v.start);
    return moved === -1 ? null : { start: moved, end: moved + want.length };
  }

  return { codePointToUtf16, utf16ToCodePoint, nearest, locate };
})();

if (typeof module === "object") module.exports = offsets;

// What the writer is shown for a check: the verdict over the passages still underlined,
// the toolbar badge, and the words for each state. Colour is never the only cue: the badge
// carries a count or a sign, and its tooltip and the popup say it in words.
"use strict";

const verdicts = (() => {
  const WORDS = { block: "Do not post", warn: "Review before posting", pass: "Looks OK" };
  const SEVERITY_WORDS = { block: "Must change", warn: "Review", info: "Note" };
  const COLOURS = { block: "#b3261e", warn: "#8a5300", pass: "#1e7b34", grey: "#6b6b6b" };
  const RANK = { info: 0, warn: 1, block: 2 };

  // Why a check did not happen, for the popup and the badge's tooltip.
  const STATES = {
    offline: "Can't reach the screener server. Checking resumes with your next edit.",
    unauthorised: "The server refused the API key. Check it in Options.",
    unknown_policy: "The server has no such policy. Choose another in Options.",
    too_long: "This post is too long for the server to check.",
    not_ready: "The server is still starting. Checking resumes with your next edit.",
    rejected: "The server could not check this text.",
    server_error: "The server had a problem with this check.",
    permission: "The extension may not reach this server yet: open Options and press Save.",
  };

  /** Verdict and count of the passages that `keep` (not ignored) lets through. */
  function summarise(violations, keep = () => true) {
    let worst = -1;
    let count = 0;
    for (const v of violations) {
      if (!keep(v)) continue;
      worst = Math.max(worst, RANK[v.severity]);
      if (v.severity !== "info") count += 1;
    }
    const verdict = worst === RANK.block ? "block" : worst === RANK.warn ? "warn" : "pass";
    return { verdict, count };
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  /**
   * The toolbar badge for a field's report ({state, verdict, count}): text, background
   * and tooltip. "idle" clears it.
   */
  function badge(report) {
    const title = "The screener";
    if (!report || report.state === "idle") return { text: "", color: COLOURS.grey, title };
    if (report.state !== "ok") {
      return { text: "–", color: COLOURS.grey, title: `${title}: ${STATES[report.state] || ""}` };
    }
    const words = WORDS[report.verdict];
    if (report.verdict === "pass") {
      return { text: "✓", color: COLOURS.pass, title: `${title}: ${words}` };
    }
    return {
      text: String(report.count),
      color: COLOURS[report.verdict],
      title: `${title}: ${words}, ${plural(report.count, "passage", "passages")} to change`,
    };
  }

  return { WORDS, SEVERITY_WORDS, COLOURS, STATES, summarise, badge, plural };
})();

if (typeof module === "object") module.exports = verdicts;

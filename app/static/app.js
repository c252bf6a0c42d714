// The check form, enhanced: checks through POST /v1/check and renders the result in
// place, in the same markup app/templates/index.html renders without JavaScript.
//
// Privacy: the draft goes to this server's /v1/check and nowhere else. Nothing here
// logs it, and nothing is kept in localStorage, sessionStorage, cookies or the URL.
//
// Offsets: the check asks for "utf16" offsets, the unit JavaScript strings index by,
// so marks and replacements stay exact after emoji and other characters outside the BMP.
"use strict";

(function () {
  const form = document.getElementById("check-form");
  if (!form || !window.fetch || !window.JSON) {
    return; // the plain form still works
  }

  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const platform = $("platform");
  const policy = $("policy"); // absent when there is one policy
  const policyHint = $("policy-hint");
  const checkButton = $("check");
  const count = $("count");
  const formError = $("form-error");
  const result = $("result");
  const live = $("verdict-live");
  const body = $("result-body");
  const stale = $("stale");
  const marked = $("marked");
  const findingsHeading = $("findings-heading");
  const findings = $("findings");
  const applyAll = $("apply-all");
  const copyButton = $("copy");
  const copyStatus = $("copy-status");
  const maxChars = Number(form.dataset.maxChars) || Infinity;

  const VERDICT_WORDS = {
    block: "Do not post",
    warn: "Review before posting",
    pass: "Looks OK",
  };
  const SEVERITY_WORDS = { block: "Must change", warn: "Review", info: "Note" };
  const TITLE = "Check a post · The screener";

  // The draft, policy and response of the check on screen; null until one is made.
  let last = null;
  let busy = false;

  // ---- small helpers -------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child); // strings become text nodes: never parsed as HTML
    }
    return node;
  }

  function icon(kind) {
    return $("icon-" + kind).content.firstElementChild.cloneNode(true);
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // Code points, as the server counts them (Python's len), not UTF-16 units.
  function length(text) {
    return Array.from(text).length;
  }

  function replacement(v) {
    return v.suggestion !== null && v.suggestion !== undefined ? v.suggestion : v.placeholder;
  }

  // Replace each passage from the end, so the offsets of the ones before stay valid.
  function applyFixes(text, violations) {
    const sorted = violations.slice().sort((a, b) => b.start - a.start);
    for (const v of sorted) {
      text = text.slice(0, v.start) + replacement(v) + text.slice(v.end);
    }
    return text;
  }

  function fixable(violations) {
    return violations.filter((v) => v.severity !== "info");
  }

  // Says what app/web.py's verdict_detail says.
  function verdictDetail(verdict, violations, policyId) {
    const n = { block: 0, warn: 0, info: 0 };
    for (const v of violations) n[v.severity] += 1;
    if (verdict === "block") {
      let text = plural(n.block, "passage", "passages") + " must change before posting.";
      if (n.warn) text += " " + plural(n.warn, "more needs", "more need") + " a second look.";
      return text;
    }
    if (verdict === "warn") {
      return plural(n.warn, "passage needs", "passages need") + " a second look.";
    }
    let text = "No privacy problems found under the " + policyId + " policy.";
    if (n.info) text += " " + plural(n.info, "note", "notes") + " below.";
    return text + " The screener can miss things: read the post once more before you share it.";
  }

  // ---- character count -----------------------------------------------------------

  function updateCount() {
    const option = platform.options[platform.selectedIndex];
    const limit = Number(option.dataset.limit);
    const n = length(draft.value);
    const limitText = limit.toLocaleString("en-US");
    let text = n + " of " + limitText + " characters on " + option.dataset.name;
    if (n > limit) text += ": " + (n - limit) + " over the limit";
    count.textContent = text;
    count.classList.toggle("over", n > limit);
  }

  function updatePolicyHint() {
    if (policy && policyHint) {
      policyHint.textContent = policy.options[policy.selectedIndex].dataset.description || "";
    }
  }

  // ---- errors --------------------------------------------------------------------

  function describedBy(add) {
    const ids = ["draft-hint", "count"];
    if (add) ids.push("form-error");
    draft.setAttribute("aria-describedby", ids.join(" "));
  }

  function showError(message, onDraft) {
    formError.replaceChildren(icon("block"), el("span", null, message));
    formError.hidden = false;
    if (onDraft) {
      draft.setAttribute("aria-invalid", "true");
      describedBy(true);
      draft.focus();
    }
  }

  function clearError() {
    formError.hidden = true;
    formError.replaceChildren();
    draft.removeAttribute("aria-invalid");
    if (policy) {
      policy.removeAttribute("aria-invalid");
      policy.setAttribute("aria-describedby", "policy-hint");
    }
    describedBy(false);
  }

  // ---- rendering -----------------------------------------------------------------

  function renderBanner(data, notice) {
    const banner = el(
      "div",
      { className: "banner banner-" + data.verdict, dataset: { verdict: data.verdict } },
      icon(data.verdict),
      el(
        "div",
        null,
        el("p", { className: "banner-title" }, VERDICT_WORDS[data.verdict]),
        el(
          "p",
          { className: "banner-detail" },
          verdictDetail(data.verdict, data.violations, data.policy.id),
        ),
      ),
    );
    live.replaceChildren(...(notice ? [el("p", { className: "notice" }, notice)] : []), banner);
  }

  function renderMarked(text, violations) {
    const parts = [];
    let pos = 0;
    violations.forEach((v, i) => {
      if (v.start > pos) parts.push(text.slice(pos, v.start));
      parts.push(
        el(
          "mark",
          {
            id: "mark-" + (i + 1),
            dataset: {
              n: String(i + 1),
              ruleId: v.rule_id,
              severity: v.severity,
              category: v.category,
            },
          },
          text.slice(v.start, v.end),
        ),
      );
      pos = v.end;
    });
    if (pos < text.length) parts.push(text.slice(pos));
    marked.replaceChildren(...parts);
  }

  function renderFinding(v, i) {
    const n = i + 1;
    const hasSuggestion = v.suggestion !== null && v.suggestion !== undefined;
    return el(
      "li",
      { className: "finding finding-" + v.severity, id: "finding-" + n },
      el(
        "div",
        { className: "finding-head" },
        el("span", { className: "num", "aria-hidden": "true" }, String(n)),
        el("span", { className: "sev sev-" + v.severity }, icon(v.severity), SEVERITY_WORDS[v.severity]),
        el("q", { className: "passage" }, v.text),
      ),
      el("p", { className: "message" }, v.message),
      el(
        "dl",
        { className: "meta" },
        el("dt", null, hasSuggestion ? "Suggested" : "Replace with"),
        el(
          "dd",
          { className: "suggestion" },
          hasSuggestion ? v.suggestion : el("code", null, v.placeholder),
        ),
        el("dt", null, "Policy"),
        el("dd", { className: "policy-ref" }, v.policy_ref),
      ),
      el(
        "button",
        {
          type: "submit",
          form: "check-form",
          name: "apply",
          value: v.start + ":" + v.end + ":" + v.rule_id,
          className: "secondary apply",
          "aria-label": "Apply: replace “" + v.text + "” with “" + replacement(v) + "”",
          dataset: { index: String(i) },
        },
        "Apply",
      ),
    );
  }

  function render(data, notice) {
    const vs = data.violations;
    clearError();
    renderBanner(data, notice);
    renderMarked(last.text, vs);
    findingsHeading.textContent = vs.length
      ? "What to change (" + vs.length + ")"
      : "Nothing to change";
    findings.replaceChildren(...vs.map(renderFinding));
    applyAll.hidden = fixable(vs).length === 0;
    copyButton.hidden = false;
    copyStatus.textContent = "";
    let line = body.querySelector(".policy-line");
    if (!line) {
      line = el("p", { className: "policy-line" });
      body.append(line);
    }
    line.replaceChildren(
      "Checked against the ",
      el("strong", null, data.policy.id),
      " policy, version " + data.policy.version + ".",
    );
    setStale(false);
    result.classList.remove("empty");
    body.hidden = false;
    document.title = VERDICT_WORDS[data.verdict] + " · " + TITLE;
  }

  // After an edit, the offsets on screen no longer fit the draft: applying them
  // would corrupt it, so the buttons that use them wait for a new check.
  function setStale(isStale) {
    if (!last && isStale) return;
    stale.hidden = !isStale;
    result.classList.toggle("stale", isStale);
    for (const button of body.querySelectorAll("button")) button.disabled = isStale;
  }

  // ---- actions -------------------------------------------------------------------

  // Resolves to true when a result was rendered.
  async function check(notice) {
    if (busy) return false;
    const text = draft.value;
    if (!text.trim()) {
      showError("Paste or type a draft to check.", true);
      return false;
    }
    if (length(text) > maxChars) {
      showError(
        "The draft has " +
          length(text).toLocaleString("en-US") +
          " characters; the limit is " +
          maxChars.toLocaleString("en-US") +
          ". Check it in parts.",
        true,
      );
      return false;
    }
    const request = { text: text, offsets: "utf16" };
    if (policy) request.policy = policy.value;
    busy = true;
    checkButton.setAttribute("aria-disabled", "true");
    checkButton.textContent = "Checking…";
    result.setAttribute("aria-busy", "true");
    try {
      let response;
      try {
        response = await fetch("/v1/check", {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(request),
          cache: "no-store",
          credentials: "same-origin",
        });
      } catch (_) {
        showError("Could not reach the screener. Check your connection and try again.", false);
        return false;
      }
      let data = null;
      try {
        data = await response.json();
      } catch (_) {
        data = null;
      }
      if (!response.ok || !data || !data.verdict) {
        const message =
          data && data.error && data.error.message
            ? data.error.message
            : "The check failed (" + response.status + "). Try again.";
        showError(message, response.status === 413 || response.status === 422);
        return false;
      }
      last = { text: text, policy: request.policy, data: data };
      render(data, notice);
      return true;
    } finally {
      busy = false;
      checkButton.removeAttribute("aria-disabled");
      checkButton.textContent = "Check";
      result.removeAttribute("aria-busy");
    }
  }

  async function apply(submitter) {
    const vs = last.data.violations;
    const chosen =
      submitter.value === "all" ? fixable(vs) : [vs[Number(submitter.dataset.index)]];
    if (!chosen.length || chosen.some((v) => !v)) return;
    draft.value = applyFixes(last.text, chosen);
    updateCount();
    const notice = plural(chosen.length, "change", "changes") + " applied, and checked again.";
    if (await check(notice)) {
      // The button pressed is gone; carry on from the next thing to do.
      (findings.querySelector("button.apply") || copyButton).focus();
    } else {
      setStale(changed()); // the draft is rewritten but not checked
    }
  }

  async function copyCleaned() {
    if (!last) return;
    const cleaned = applyFixes(last.text, fixable(last.data.violations));
    let copied = false;
    try {
      await navigator.clipboard.writeText(cleaned);
      copied = true;
    } catch (_) {
      // No permission, or not a secure context: the older, synchronous way.
      const area = el("textarea", { className: "offscreen", readonly: true, "aria-hidden": "true" });
      area.value = cleaned;
      document.body.append(area);
      area.select();
      try {
        copied = document.execCommand("copy");
      } catch (_) {
        copied = false;
      }
      area.remove();
      copyButton.focus();
    }
    copyStatus.textContent = copied
      ? "Copied the cleaned text."
      : "Could not copy. Select the text in the draft and copy it yourself.";
  }

  // ---- wiring --------------------------------------------------------------------

  form.addEventListener("submit", (event) => {
    const submitter = event.submitter;
    if (submitter && submitter.name === "apply") {
      // A result the server rendered (before this script ran) is applied by the server.
      if (!last || (submitter.dataset.index === undefined && submitter.value !== "all")) return;
      event.preventDefault();
      apply(submitter);
      return;
    }
    event.preventDefault();
    check(null);
  });

  draft.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit(checkButton);
    }
  });

  function changed() {
    return last !== null && (draft.value !== last.text || (policy && policy.value !== last.policy));
  }

  draft.addEventListener("input", () => {
    updateCount();
    setStale(changed());
  });
  platform.addEventListener("change", updateCount);
  if (policy) {
    policy.addEventListener("change", () => {
      updatePolicyHint();
      setStale(changed());
    });
  }
  copyButton.addEventListener("click", copyCleaned);

  updateCount();
  updatePolicyHint();
})();

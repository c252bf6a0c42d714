// The overlay: underlines, a small status dot per field, and the card for one passage. It
// lives in the shadow root of one element appended to <html>, drawn over the page in
// viewport coordinates; the page's own DOM, text and focus are never touched. Server
// strings only ever become textContent.
"use strict";

const overlay = (() => {
  let host = null;
  let layer = null;
  let cardLayer = null;
  let live = null;
  let card = null;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function place(node, r) {
    node.style.left = `${r.left}px`;
    node.style.top = `${r.top}px`;
    if (r.width !== undefined) node.style.width = `${r.width}px`;
    if (r.height !== undefined) node.style.height = `${r.height}px`;
  }

  /** The shadow root, created (or put back, if the page removed it) on first use. */
  function root() {
    if (host && host.isConnected) return host.shadowRoot;
    host = document.createElement("screener-overlay");
    // CSSOM, not a style attribute, so a page's CSP cannot refuse it
    for (const [k, v] of [["position", "fixed"], ["top", "0"], ["left", "0"], ["width", "0"],
      ["height", "0"], ["z-index", "2147483647"], ["display", "block"]]) {
      host.style.setProperty(k, v, "important");
    }
    const shadow = host.attachShadow({ mode: "open" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(OVERLAY_CSS);
    shadow.adoptedStyleSheets = [sheet];
    layer = el("div", "layer");
    cardLayer = el("div", "layer");
    live = el("div", "live");
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    shadow.append(layer, cardLayer, live);
    document.documentElement.append(host);
    return shadow;
  }

  /**
   * Keep the overlay where `field` can be seen and its card used. A modal <dialog> draws
   * above everything and makes the rest of the page inert, so for a field in one (or in an
   * open popover) the overlay goes inside it; otherwise it sits at the end of <html>.
   */
  function attachNear(field) {
    root();
    const top = field && field.isConnected && field.closest("dialog:modal, :popover-open");
    const want = top || document.documentElement;
    if (host.parentNode !== want) want.append(host);
  }

  const isOurs = (event) => Boolean(host) && event.composedPath().includes(host);

  /**
   * Draw every field's underlines and status dot. `fields`: [{underlines: [{mark, rects,
   * active}], indicator: {state, text, title, box} | null}]. Elements are reused from one
   * drawing to the next, so an underline stays the same element while it follows its text.
   */
  function render(fields) {
    if (!fields.length && !host) return;
    root();
    const specs = [];
    for (const f of fields) {
      for (const u of f.underlines) {
        for (const r of u.rects) specs.push({ kind: "underline", u, r });
      }
      const box = f.indicator && f.indicator.box;
      const roomy = box && box.width > 40 && box.height > 20; // no dot on a one-line box
      if (roomy) specs.push({ kind: "indicator", ind: f.indicator });
    }
    const old = Array.from(layer.children);
    specs.forEach((spec, i) => {
      let node = old[i];
      if (!node || node.dataset.kind !== spec.kind) {
        node = el("div");
        node.dataset.kind = spec.kind;
        if (old[i]) old[i].replaceWith(node);
        else layer.append(node);
        old[i] = node;
      }
      if (spec.kind === "underline") drawUnderline(node, spec.u, spec.r);
      else drawIndicator(node, spec.ind);
    });
    for (const extra of old.slice(specs.length)) extra.remove();
  }

  function drawUnderline(node, u, r) {
    node.className = u.active ? "underline active" : "underline";
    node.dataset.ruleId = u.mark.v.rule_id;
    node.dataset.severity = u.mark.v.severity;
    node.dataset.start = String(u.mark.start);
    node.dataset.end = String(u.mark.end);
    place(node, r);
  }

  function drawIndicator(node, ind) {
    node.className = "indicator";
    node.textContent = ind.text;
    node.dataset.state = ind.state;
    node.title = ind.title;
    node.setAttribute("aria-hidden", "true"); // the live region says it in words
    place(node, { left: ind.box.right - 26, top: ind.box.bottom - 24 });
  }

  /** Say `text` to screen readers, once per change. */
  function announce(text) {
    root();
    if (live.textContent !== text) live.textContent = text;
  }

  /**
   * Open the card for one passage under `rect`. `words`: {severity, message, policyRef,
   * passage, replacement}; `actions`: {apply, ignore}.
   */
  function showCard(key, rect, words, actions) {
    root();
    if (card && card.key === key) return positionCard(rect);
    hideCard();
    const node = el("div", "card");
    node.setAttribute("role", "dialog");
    node.setAttribute("aria-label", `The screener: ${words.severity}`);
    node.dataset.severity = words.level;
    const suggestion = el("p", "suggestion", "Replace ");
    suggestion.append(el("q", "", words.passage), " with ", el("q", "", words.replacement));
    const apply = el("button", "apply", "Apply");
    const ignore = el("button", "ignore", "Ignore");
    for (const b of [apply, ignore]) b.type = "button";
    const actionsRow = el("div", "actions");
    actionsRow.append(apply, ignore);
    node.append(
      el("p", "severity", words.severity),
      el("p", "message", words.message),
      el("p", "policy-ref", words.policyRef ? `Policy: ${words.policyRef}` : ""),
      suggestion,
      actionsRow,
      el("p", "note"),
    );
    // keep the writer's focus and selection in their field while they use the card
    node.addEventListener("mousedown", (e) => e.preventDefault());
    apply.addEventListener("click", () => actions.apply());
    ignore.addEventListener("click", () => actions.ignore());
    node.addEventListener("keydown", (e) => {
      if (e.key === "Escape") actions.dismiss();
    });
    cardLayer.replaceChildren(node);
    card = { key, node };
    positionCard(rect);
  }

  function positionCard(rect) {
    if (!card) return;
    const node = card.node;
    const width = node.offsetWidth || 320;
    const height = node.offsetHeight || 160;
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
    const below = rect.bottom + 6;
    const fits = below + height <= window.innerHeight - 8;
    const top = fits ? below : Math.max(8, rect.top - height - 6);
    place(node, { left, top });
  }

  /** Move keyboard focus into the open card (its Apply button). */
  function focusCard() {
    if (!card) return false;
    card.node.querySelector("button.apply").focus();
    return true;
  }

  function hideCard() {
    if (card) card.node.remove();
    card = null;
  }

  function cardNote(text) {
    if (card) card.node.querySelector(".note").textContent = text;
  }

  const cardKey = () => (card ? card.key : null);

  function cardContains(x, y) {
    if (!card) return false;
    const r = card.node.getBoundingClientRect();
    return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  }

  return {
    render, announce, showCard, positionCard, hideCard, focusCard, cardNote, cardKey,
    cardContains,
    isOurs, root, attachNear,
  };
})();

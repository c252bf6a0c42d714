// The content script: runs in every frame, finds the field the writer types in, checks its
// text once they pause (through the service worker, the only part that talks to the
// server), and draws what the server found over the field.
//
// Typing is never blocked or slowed: the listeners are passive, a check waits for a pause
// and runs in the background, and drawing happens once per animation frame. When the
// server cannot be reached the field's dot and the toolbar badge turn grey and nothing is
// retried until the writer edits again.
"use strict";

(() => {
  const sessions = new Map(); // field element -> Session
  const page = {
    config: null, // from the service worker: delay, guard, the server's origin
    active: null, // the session of the field last focused or edited
    hover: null, // the timer that closes a hovered card
    frame: 0, // the pending animation frame, if a drawing is due
    hitboxes: [], // where the underlines are: [{session, mark, rects}]
    byCaret: false, // the open card was opened by the caret, not the pointer
  };

  async function send(message) {
    try {
      return await chrome.runtime.sendMessage(message);
    } catch {
      return null; // the extension was reloaded or removed: this script is an orphan
    }
  }

  // ---- sessions: one per field the writer has used ----------------------------------

  const keyOf = (v) => `${v.rule_id}\u0000${v.text}`;

  class Session {
    constructor(field) {
      this.field = field;
      this.editor = editing.forField(field);
      this.debouncer = debounce.create(() => this.check(), page.config.debounceMs);
      this.seq = 0;
      this.state = "idle"; // "ok" once a check answered, or why it did not
      this.checked = null; // the text the marks came from
      this.marks = []; // {v, start, end, key}
      this.ignored = new Set();
      this.reported = "";
      // Editors that own every change (Slate, Lexical) cancel beforeinput, so no input
      // event follows the writer's typing: the DOM changing is the sign of an edit.
      const edited = () => {
        this.debouncer.schedule();
        scheduleRender();
      };
      this.observers = [new ResizeObserver(scheduleRender), new MutationObserver(edited)];
      this.observe();
    }

    observe() {
      for (const o of this.observers) o.disconnect();
      this.observers[0].observe(this.field);
      const all = { childList: true, subtree: true, characterData: true };
      this.observers[1].observe(this.field, all);
    }

    /**
     * Carry on in the element a page rendered in place of this field (editing.js finds it:
     * the focused field of the same kind). False once the field is gone for good.
     */
    heal() {
      const el = this.editor.el;
      if (!el.isConnected) return false;
      if (el !== this.field) {
        if (sessions.has(el)) return false; // the focus went to a field of its own
        sessions.delete(this.field);
        sessions.set(el, this);
        this.field = el;
        this.observe();
      }
      return true;
    }

    visible() {
      return this.marks.filter((m) => !this.ignored.has(m.key));
    }

    async check() {
      const text = this.editor.snapshot().text;
      const seq = ++this.seq;
      if (!text.trim()) {
        this.finish("idle", null);
      } else if (text !== this.checked || this.state !== "ok") {
        const reply = await send({ type: "check", text: text.toWellFormed() });
        if (seq !== this.seq || !this.heal()) return; // a newer check took over, or no field
        if (reply && reply.state === "ok") this.finish("ok", reply.result, text);
        else this.finish(reply ? reply.state : "offline", null);
      }
    }

    finish(state, result, text = null) {
      this.state = state;
      this.checked = text;
      // a passage found again keeps its mark, so a card open on it stays open
      const before = new Map(this.marks.map((m) => [`${m.key}@${m.start}`, m]));
      this.marks = [];
      for (const v of result ? result.violations : []) {
        const at = offsets.locate(text, v);
        if (!at) continue;
        const mark = before.get(`${keyOf(v)}@${at.start}`) || { key: keyOf(v) };
        this.marks.push(Object.assign(mark, { v, start: at.start, end: at.end }));
      }
      this.report();
      scheduleRender();
    }

    summary() {
      return verdicts.summarise(this.visible().map((m) => m.v));
    }

    /** Tell the service worker what the badge should show, when that changed. */
    report() {
      const { verdict, count } = this.summary();
      const report = { type: "report", state: this.state, verdict, count };
      const key = JSON.stringify(report);
      if (key !== this.reported) {
        this.reported = key;
        send(report);
      }
      overlay.announce(words(this.state, verdict, count));
    }

    /** Move marks with their passage as the writer edits around them; drop lost ones. */
    follow(text) {
      this.marks = this.marks.filter((m) => {
        if (text.slice(m.start, m.end) === m.v.text) return true;
        const at = offsets.nearest(text, m.v.text, m.start);
        if (at === -1) return false;
        m.start = at;
        m.end = at + m.v.text.length;
        return true;
      });
    }

    close() {
      this.debouncer.cancel();
      for (const o of this.observers) o.disconnect();
    }
  }

  function words(state, verdict, count) {
    if (state === "idle") return "";
    if (state !== "ok") return `The screener: ${verdicts.STATES[state] || ""}`;
    const n = count ? `, ${verdicts.plural(count, "passage", "passages")} to change` : "";
    return `The screener: ${verdicts.WORDS[verdict]}${n}.`;
  }

  function sessionFor(field) {
    let s = sessions.get(field);
    for (const old of s ? [] : [...sessions.values()]) {
      if (!old.field.isConnected && old.heal() && old.field === field) s = old;
    }
    if (!s) {
      s = new Session(field);
      sessions.set(field, s);
    }
    page.active = s;
    return s;
  }

  const fieldFrom = (event) => fields.fieldOf(event.composedPath()[0]);

  // ---- drawing ----------------------------------------------------------------------

  function scheduleRender() {
    if (!page.frame) page.frame = requestAnimationFrame(render);
  }

  const INDICATOR = { block: null, warn: null, pass: "✓" };

  function render() {
    page.frame = 0;
    if (page.active) overlay.attachNear(page.active.field);
    const drawn = [];
    page.hitboxes = [];
    for (const [field, s] of [...sessions]) {
      if (!s.heal()) {
        s.close();
        sessions.delete(field);
        continue;
      }
      if (s.state === "idle") continue;
      const snap = s.editor.snapshot();
      s.follow(snap.text);
      const box = geometry.visibleBox(s.field);
      const underlines = [];
      for (const mark of box ? s.visible() : []) {
        const where = s.editor.rects(snap, mark.start, mark.end, overlay.root());
        const rects = geometry.clip(where, box);
        if (!rects.length) continue;
        const active = overlay.cardKey() === mark;
        underlines.push({ mark, rects, active });
        page.hitboxes.push({ session: s, mark, rects });
        if (active) overlay.positionCard(rects[rects.length - 1]);
      }
      const { verdict, count } = s.summary();
      const ok = s.state === "ok";
      const indicator = {
        state: ok ? verdict : "offline",
        text: ok ? INDICATOR[verdict] || String(count) : "–",
        title: words(s.state, verdict, count),
        box,
      };
      drawn.push({ underlines, indicator });
    }
    overlay.render(drawn);
    if (overlay.cardKey() && !page.hitboxes.some((h) => h.mark === overlay.cardKey())) {
      overlay.hideCard(); // its passage is gone
    }
  }

  // ---- the card -------------------------------------------------------------------

  function replacementOf(v) {
    return v.suggestion !== null ? v.suggestion : v.placeholder || "[REDACTED]";
  }

  function openCard(hit) {
    const { session, mark } = hit;
    const v = mark.v;
    const rect = hit.rects[hit.rects.length - 1];
    overlay.showCard(
      mark,
      rect,
      {
        severity: verdicts.SEVERITY_WORDS[v.severity],
        level: v.severity,
        message: v.message,
        policyRef: v.policy_ref,
        passage: v.text,
        replacement: replacementOf(v),
      },
      {
        apply: () => apply(session, mark),
        ignore: () => ignore(session, mark),
        dismiss: () => {
          closeCard();
          session.editor.el.focus({ preventScroll: true }); // back to writing
        },
      },
    );
    scheduleRender();
  }

  async function apply(session, mark) {
    const text = session.editor.snapshot().text;
    session.follow(text);
    if (!session.marks.includes(mark)) return overlay.hideCard();
    const done = await session.editor.replace(mark.start, mark.end, replacementOf(mark.v));
    if (!done) {
      overlay.cardNote("This editor did not take the change. Edit the passage by hand.");
      return;
    }
    overlay.hideCard();
    session.marks = session.marks.filter((m) => m !== mark);
    session.report();
    session.debouncer.schedule(); // check the new text (the editor's input event may not reach us)
    scheduleRender();
  }

  function ignore(session, mark) {
    session.ignored.add(mark.key);
    overlay.hideCard();
    session.report();
    scheduleRender();
    session.editor.el.focus({ preventScroll: true }); // if the card had the keyboard
  }

  function hitAt(x, y) {
    return page.hitboxes.find((h) => h.rects.some((r) => geometry.contains(r, x, y)));
  }

  // Hover opens a card; leaving both the passage and the card closes it, a moment later so
  // the pointer can travel from one to the other.
  function onPointer(x, y, click) {
    const hit = hitAt(x, y);
    const overCard = overlay.cardContains(x, y);
    if (hit || overCard) {
      clearTimeout(page.hover);
      page.hover = null;
      page.byCaret = false;
      if (hit && overlay.cardKey() !== hit.mark) openCard(hit);
    } else if (overlay.cardKey() && click) {
      closeCard();
    } else if (overlay.cardKey() && !page.hover) {
      page.hover = setTimeout(closeCard, 400);
    }
  }

  function closeCard() {
    clearTimeout(page.hover);
    page.hover = null;
    overlay.hideCard();
    scheduleRender();
  }

  // The keyboard's way in: the caret inside a passage opens its card (focus stays in the
  // field); Alt+Enter then moves focus to the card's Apply, Escape back to the field.
  function onCaret() {
    const s = page.active;
    if (!s || !page.config || !s.field.contains(document.activeElement)) return;
    const at = s.editor.caret();
    const hit = at === null ? null : page.hitboxes.find(
      (h) => h.session === s && h.mark.start < at && at < h.mark.end,
    );
    if (hit && overlay.cardKey() !== hit.mark) {
      openCard(hit);
      page.byCaret = true;
      overlay.announce(`${hit.mark.v.message} Alt+Enter: Apply or Ignore.`);
    } else if (!hit && page.byCaret && overlay.cardKey()) {
      page.byCaret = false;
      closeCard();
    }
  }

  function onCardKey(event) {
    if (event.key !== "Enter" || !event.altKey || !overlay.cardKey()) return;
    if (!page.active || !page.active.field.contains(event.composedPath()[0])) return;
    if (overlay.focusCard()) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }

  // ---- wiring -------------------------------------------------------------------------

  function onFocus(event) {
    const field = fieldFrom(event);
    if (!field || !page.config) return;
    const s = sessionFor(field);
    if (s.state === "idle" || s.checked !== s.editor.snapshot().text) s.debouncer.schedule();
    s.report();
  }

  function onInput(event) {
    const field = fieldFrom(event);
    if (!field || !page.config) return;
    sessionFor(field).debouncer.schedule();
    scheduleRender();
  }

  function onClick(event) {
    if (!overlay.isOurs(event)) onPointer(event.clientX, event.clientY, true);
  }

  // Listeners go on at once (document_start), ahead of the page's own, so the guard sees
  // a Post click before the site acts on it; they do nothing until the settings arrive.
  const passive = { capture: true, passive: true };
  window.addEventListener("focusin", onFocus, passive);
  window.addEventListener("input", onInput, passive);
  window.addEventListener("scroll", scheduleRender, passive);
  window.addEventListener("resize", scheduleRender, passive);
  // the page reflowing (an image loading above the field, a panel sliding in) moves fields
  // without a scroll or resize event
  new ResizeObserver(scheduleRender).observe(document.documentElement);
  window.addEventListener("transitionend", scheduleRender, passive);
  window.addEventListener("animationend", scheduleRender, passive);
  document.addEventListener("mousemove", (e) => onPointer(e.clientX, e.clientY, false), passive);
  document.addEventListener("click", onClick, passive);
  guard.install(sessions, () => page.config);
  window.addEventListener("keydown", onCardKey, true);
  document.addEventListener("selectionchange", () => requestAnimationFrame(onCaret), passive);

  async function start() {
    const config = await send({ type: "config" });
    if (!config) return;
    // the screener's own check form marks the draft itself
    if (location.origin === config.serverOrigin && location.pathname === "/") return;
    page.config = config;
    if (window === window.top) send({ type: "report", state: "idle" }); // a new page: no result yet
    const focused = document.activeElement;
    if (focused) onFocus({ composedPath: () => [focused] });
  }

  start();
})();

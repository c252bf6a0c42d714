// The overlay's styles, applied to its shadow root as a constructed stylesheet: the
// page's CSS cannot reach in, these cannot reach out, and a page's Content-Security-Policy
// (which governs <style> and <link> elements, not constructed sheets) cannot block them.
"use strict";

const OVERLAY_CSS = `
:host {
  all: initial;
}
.layer {
  position: fixed;
  inset: 0 auto auto 0;
  width: 0;
  height: 0;
  pointer-events: none;
}
.underline {
  position: absolute;
  box-sizing: border-box;
  pointer-events: none; /* clicks and the caret go to the field underneath */
  border-bottom: 2px solid var(--colour);
  background: color-mix(in srgb, var(--colour) 10%, transparent);
}
.underline[data-severity="block"] { --colour: #b3261e; }
.underline[data-severity="warn"] { --colour: #b26a00; }
.underline[data-severity="info"] {
  --colour: #1f5fbf;
  border-bottom-style: dotted;
  background: none;
}
.underline.active { background: color-mix(in srgb, var(--colour) 22%, transparent); }

.indicator {
  position: absolute;
  box-sizing: border-box;
  min-width: 20px;
  height: 20px;
  padding: 0 5px;
  border-radius: 10px;
  font: 600 12px/20px system-ui, sans-serif;
  text-align: center;
  color: #fff;
  pointer-events: none;
  opacity: 0.92;
}
.indicator[data-state="block"] { background: #b3261e; }
.indicator[data-state="warn"] { background: #8a5300; }
.indicator[data-state="pass"] { background: #1e7b34; }
.indicator[data-state="offline"] { background: #8a8a8a; opacity: 0.7; }

.card {
  position: absolute;
  box-sizing: border-box;
  width: 320px;
  max-width: calc(100vw - 16px);
  padding: 12px 14px;
  border: 1px solid #c8c8c8;
  border-left: 4px solid var(--colour, #6b6b6b);
  border-radius: 8px;
  background: #fff;
  color: #1a1a1a;
  box-shadow: 0 4px 18px rgba(0, 0, 0, 0.18);
  font: 14px/1.4 system-ui, sans-serif;
  pointer-events: auto;
}
.card[data-severity="block"] { --colour: #b3261e; }
.card[data-severity="warn"] { --colour: #b26a00; }
.card[data-severity="info"] { --colour: #1f5fbf; }
.card p { margin: 0 0 8px; }
.card .severity { font-weight: 700; color: var(--colour); }
.card .policy-ref { font-size: 12px; color: #555; }
.card .suggestion q { font-weight: 600; }
.card .actions { display: flex; gap: 8px; margin-top: 10px; }
.card button {
  font: 600 13px/1 system-ui, sans-serif;
  padding: 7px 12px;
  border-radius: 6px;
  border: 1px solid #1a1a1a;
  background: #fff;
  color: #1a1a1a;
  cursor: pointer;
}
.card button.apply { background: #1a1a1a; color: #fff; }
.card button:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 2px; }
.card .note { font-size: 12px; color: #8a1c14; margin: 8px 0 0; }
.card .note:empty { display: none; }

.live {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}

@media (prefers-color-scheme: dark) {
  .card { background: #1f1f1f; color: #f2f2f2; border-color: #444; }
  .card .policy-ref { color: #bbb; }
  .card button { background: #1f1f1f; color: #f2f2f2; border-color: #f2f2f2; }
  .card button.apply { background: #f2f2f2; color: #1a1a1a; }
  .card .note { color: #ff9c8f; }
}
`;

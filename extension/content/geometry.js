// Where a span of a field's text is on screen, in viewport coordinates, and how much of the
// field is visible. A rich editor's span is a DOM Range over its text nodes; a textarea's
// is measured in a mirror: a hidden div styled like the textarea, holding the same text.
"use strict";

const geometry = (() => {
  // Everything that decides where a textarea's characters fall.
  const MIRRORED = [
    "direction", "boxSizing", "width", "height", "overflowX", "overflowY",
    "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth",
    "borderStyle", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
    "fontStyle", "fontVariant", "fontWeight", "fontStretch", "fontSize", "fontSizeAdjust",
    "lineHeight", "fontFamily", "fontFeatureSettings", "fontKerning", "fontVariationSettings",
    "textAlign", "textTransform", "textIndent", "letterSpacing", "wordSpacing", "tabSize",
    "whiteSpace", "wordBreak", "overflowWrap", "hyphens", "textRendering",
  ];

  let mirror = null;

  function ensureMirror(container) {
    if (mirror && mirror.isConnected) return mirror;
    mirror = document.createElement("div");
    mirror.setAttribute("aria-hidden", "true");
    container.append(mirror);
    return mirror;
  }

  function textRects(node, from, to) {
    if (to <= from) return [];
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    return Array.from(range.getClientRects());
  }

  /** Rects of [start, end) in a rich editor, from its text model (textmodel.js). */
  function richRects(model, start, end) {
    const rects = [];
    for (const s of model.segments) {
      if (s.end <= start || s.start >= end) continue;
      if (s.kind === "text") {
        const from = Math.max(start, s.start) - s.start;
        rects.push(...textRects(s.node, from, Math.min(end, s.end) - s.start));
      } else if (s.kind === "atom") {
        rects.push(s.node.getBoundingClientRect());
      }
    }
    return merge(rects);
  }

  /** Rects of [start, end) of a textarea's value, measured in the mirror. */
  function textareaRects(field, start, end, container) {
    const m = ensureMirror(container);
    const style = getComputedStyle(field);
    for (const p of MIRRORED) m.style[p] = style[p];
    m.style.position = "absolute";
    m.style.left = "-10000px";
    m.style.top = "0";
    m.style.visibility = "hidden";
    m.style.overflow = "hidden";
    if (field.scrollHeight > field.clientHeight && style.overflowY !== "hidden") {
      m.style.overflowY = "scroll"; // the scrollbar narrows the text as in the field
    }
    m.textContent = field.value;
    const text = m.firstChild;
    if (!text) return [];
    const own = m.getBoundingClientRect();
    const at = field.getBoundingClientRect();
    const dx = at.left - own.left - field.scrollLeft;
    const dy = at.top - own.top - field.scrollTop;
    return merge(textRects(text, start, end)).map(
      (r) => new DOMRect(r.left + dx, r.top + dy, r.width, r.height),
    );
  }

  // One rect per line: the pieces of a span that sit side by side on a line (text nodes of
  // an editor's spans) become one, so each line of a passage has one underline.
  function merge(rects) {
    const lines = [];
    for (const r of rects) {
      if (r.width < 0.5 || r.height < 0.5) continue;
      const overlap = (l) => Math.min(l.bottom, r.bottom) - Math.max(l.top, r.top);
      const line = lines.find((l) => overlap(l) > Math.min(l.height, r.height) / 2);
      if (line) {
        const left = Math.min(line.left, r.left);
        const top = Math.min(line.top, r.top);
        line.width = Math.max(line.right, r.right) - left;
        line.height = Math.max(line.bottom, r.bottom) - top;
        line.left = left;
        line.top = top;
        line.right = left + line.width;
        line.bottom = top + line.height;
      } else {
        const { left, top, right, bottom, width, height } = r;
        lines.push({ left, top, right, bottom, width, height });
      }
    }
    return lines.map((l) => new DOMRect(l.left, l.top, l.width, l.height));
  }

  function intersect(a, b) {
    const left = Math.max(a.left, b.left);
    const top = Math.max(a.top, b.top);
    const right = Math.min(a.right, b.right);
    const bottom = Math.min(a.bottom, b.bottom);
    if (right - left <= 0.5 || bottom - top <= 0.5) return null;
    return new DOMRect(left, top, right - left, bottom - top);
  }

  /**
   * The part of the field's content box that is on screen: inside the viewport and every
   * scrolling ancestor (so no underline shows over what hides the field). Null if none.
   */
  function visibleBox(field) {
    const r = field.getBoundingClientRect();
    const { clientLeft, clientTop, clientWidth, clientHeight } = field;
    let box = new DOMRect(r.left + clientLeft, r.top + clientTop, clientWidth, clientHeight);
    if (!clientWidth && !clientHeight) box = r; // an inline contenteditable has no client box
    box = intersect(box, new DOMRect(0, 0, window.innerWidth, window.innerHeight));
    for (let n = parentOf(field); n && box; n = parentOf(n)) {
      if (n === document.documentElement || n === document.body) continue;
      const s = getComputedStyle(n);
      if (s.overflowX !== "visible" || s.overflowY !== "visible") {
        box = intersect(box, n.getBoundingClientRect());
      }
    }
    return box;
  }

  // Up through open shadow roots too: an editor inside a web component is still clipped
  // by the page around the component.
  function parentOf(node) {
    if (node.parentElement) return node.parentElement;
    const root = node.getRootNode && node.getRootNode();
    return root && root.host ? root.host : null;
  }

  /** `rects` clipped to `box`, the invisible parts dropped. */
  function clip(rects, box) {
    return rects.map((r) => intersect(r, box)).filter(Boolean);
  }

  const contains = (r, x, y, slack = 2) =>
    x >= r.left - slack && x <= r.right + slack && y >= r.top - slack && y <= r.bottom + slack;

  return { richRects, textareaRects, visibleBox, clip, contains, merge };
})();

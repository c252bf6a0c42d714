// The text of a rich editor (a contenteditable tree) as one string, with a map from string
// offsets back to DOM positions, so an API span can become a DOM Range for underlining and
// for replacing.
//
// The string is what the writer sees: text nodes as they are, a line break for <br> and
// between blocks, an image's alt text (some sites draw emoji as <img alt="😀">). Editors
// add DOM that is not text: Draft.js puts <br data-text> in empty lines, ProseMirror a
// trailing <br> in every block, Lexical a <br> in an empty paragraph. A <br> that ends its
// block is such a placeholder and adds nothing; the block boundary gives the line break.
//
// Only nodeType, nodeName, childNodes, data and getAttribute are used, so the unit tests
// run on a few plain objects instead of a browser.
"use strict";

const textmodel = (() => {
  const TEXT = 3;
  const ELEMENT = 1;
  const BLOCKS = new Set(
    (
      "ADDRESS ARTICLE ASIDE BLOCKQUOTE DD DIV DL DT FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 " +
      "H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TR UL"
    ).split(" "),
  );
  const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "HEAD"]);

  const isBlock = (node) => node.nodeType === ELEMENT && BLOCKS.has(node.nodeName);

  function skipped(node) {
    if (SKIP.has(node.nodeName)) return true;
    const hidden = node.getAttribute && node.getAttribute("hidden");
    return hidden !== null && hidden !== undefined;
  }

  /**
   * Build the model of `root`. Segments: {kind: "text", node, start, end} for text nodes,
   * {kind: "atom", node, ...} for an image, {kind: "break", node, ...} for a line break
   * (node is the <br>, or the block the break stands for).
   */
  function build(root) {
    const parts = [];
    const segments = [];
    let length = 0;
    let lineStart = true;
    let pendingBreak = null; // a block began or ended mid-line: break before more text

    function push(kind, node, text) {
      segments.push({ kind, node, start: length, end: length + text.length });
      parts.push(text);
      length += text.length;
    }

    function flush() {
      if (pendingBreak) push("break", pendingBreak, "\n");
      pendingBreak = null;
    }

    function boundary(block) {
      if (!lineStart) pendingBreak = pendingBreak || block;
      lineStart = true;
    }

    function walk(node) {
      for (const child of node.childNodes) {
        if (child.nodeType === TEXT) {
          if (child.data === "") continue;
          flush();
          push("text", child, child.data);
          lineStart = false;
        } else if (child.nodeType !== ELEMENT || skipped(child)) {
          continue;
        } else if (child.nodeName === "BR") {
          // ends its line; a trailing placeholder <br> leaves the line start where the
          // block boundary would have put it, so it adds no second break
          flush();
          push("break", child, "\n");
          lineStart = true;
        } else if (child.nodeName === "IMG") {
          const alt = child.getAttribute("alt");
          if (!alt) continue;
          flush();
          push("atom", child, alt);
          lineStart = false;
        } else if (isBlock(child)) {
          boundary(child);
          walk(child);
          boundary(child);
        } else {
          walk(child);
        }
      }
    }

    walk(root);
    return { text: parts.join(""), segments, root };
  }

  function indexOfChild(node) {
    const siblings = node.parentNode.childNodes;
    for (let i = 0; i < siblings.length; i += 1) if (siblings[i] === node) return i;
    return 0;
  }

  const before = (node) => ({ node: node.parentNode, offset: indexOfChild(node) });
  const after = (node) => ({ node: node.parentNode, offset: indexOfChild(node) + 1 });

  /**
   * DOM position of string offset `at`. bias "start": where a range that begins at `at`
   * starts (at the next character); bias "end": where a range ending at `at` ends (after
   * the previous character). Keeps ranges tight around their text.
   */
  function position(model, at, bias) {
    const segs = model.segments.filter((s) => s.kind !== "break");
    if (segs.length === 0) return { node: model.root, offset: 0 };
    const inside = (s) => ({ node: s.node, offset: Math.max(0, Math.min(at, s.end) - s.start) });
    if (bias === "start") {
      const s = segs.find((seg) => at < seg.end) || segs[segs.length - 1];
      if (s.kind === "text") return inside(s);
      return at >= s.end ? after(s.node) : before(s.node);
    }
    let s = segs[0];
    for (const seg of segs) if (seg.start < at) s = seg;
    if (s.kind === "text") return inside(s);
    return at <= s.start ? before(s.node) : after(s.node);
  }

  return { build, position };
})();

if (typeof module === "object") module.exports = textmodel;

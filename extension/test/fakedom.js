// A few plain objects shaped like DOM nodes: enough for the modules that only walk a tree
// (nodeType, nodeName, childNodes, parentNode, data, getAttribute), so their unit tests
// run in node without a browser.
"use strict";

function text(data) {
  return { nodeType: 3, nodeName: "#text", data, parentNode: null, childNodes: [] };
}

/** h("div", {contenteditable: "true"}, "text", h("br")) */
function h(tag, attrs = {}, ...children) {
  const node = {
    nodeType: 1,
    nodeName: tag.toUpperCase(),
    parentNode: null,
    attrs: { ...attrs },
    childNodes: [],
    getAttribute(name) {
      return Object.hasOwn(this.attrs, name) ? this.attrs[name] : null;
    },
    contains(other) {
      for (let n = other; n; n = n.parentNode) if (n === this) return true;
      return false;
    },
    get textContent() {
      return this.childNodes.map((c) => (c.nodeType === 3 ? c.data : c.textContent)).join("");
    },
  };
  for (const child of children) {
    const c = typeof child === "string" ? text(child) : child;
    c.parentNode = node;
    node.childNodes.push(c);
  }
  return node;
}

module.exports = { h, text };

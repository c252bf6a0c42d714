// Per-site knowledge: which button posts. Field detection is generic (see fields.js): the
// seven sites' composers are a <textarea> (Mastodon) or contenteditable editors (X's
// Draft.js, Facebook's, Instagram's and Threads' Lexical, LinkedIn's Quill, Bluesky's
// ProseMirror), which fields.js and textmodel.js read as they are. What differs is the Post
// button the optional guard watches; elsewhere a button labelled like one is taken as one
// when it stands in the same composer (form or dialog) as the field.
//
// Selectors are the sites' own test ids and classes as of writing; sites change them, and
// then the label rule still applies.
"use strict";

const sites = (() => {
  const SITES = [
    {
      id: "x",
      hosts: ["x.com", "twitter.com"],
      post: ['[data-testid="tweetButton"]', '[data-testid="tweetButtonInline"]'],
    },
    { id: "facebook", hosts: ["facebook.com"], post: [] },
    { id: "instagram", hosts: ["instagram.com"], post: [] },
    { id: "threads", hosts: ["threads.net", "threads.com"], post: [] },
    {
      id: "linkedin",
      hosts: ["linkedin.com"],
      post: ["button.share-actions__primary-action"],
    },
    { id: "bluesky", hosts: ["bsky.app"], post: ['[data-testid="composerPublishBtn"]'] },
    {
      // any instance, on any host: recognised by the web app's root element
      id: "mastodon",
      marker: "#mastodon",
      post: [".compose-form__submit button", ".compose-form__publish button"],
    },
  ];
  const GENERIC = { id: "generic", post: [] };

  // What a Post button says, on these sites and in ordinary forms (English UI).
  const LABELS = /^(post|post all|publish|share|send|tweet|reply|toot!?|submit|publish!)$/i;

  function hostMatches(hostname, host) {
    const h = hostname.toLowerCase().replace(/\.$/, "");
    return h === host || h.endsWith("." + host);
  }

  /** The site adapter for a page: by host name, or by a marker element in `doc`. */
  function forPage(hostname, doc) {
    for (const site of SITES) {
      if (site.hosts && site.hosts.some((h) => hostMatches(hostname, h))) return site;
      if (site.marker && doc && doc.querySelector(site.marker)) return site;
    }
    return GENERIC;
  }

  function labelOf(el) {
    const aria = el.getAttribute("aria-label");
    const text = aria || el.textContent || el.getAttribute("value") || "";
    return text.replace(/\s+/g, " ").trim();
  }

  /**
   * Is `button` (a button, [role=button] or submit input) the Post button for `field`?
   * The site's own selector settles it; failing that, a post-like label in the same
   * composer as the field.
   */
  function isPostButton(site, button, field) {
    if (site.post.length && button.matches(site.post.join(","))) return true;
    if (!LABELS.test(labelOf(button))) return false;
    return sameComposer(button, field);
  }

  // The composer is the field's nearest form or dialog; without one, any ancestor within a
  // few levels (X's inline composer puts its button ten levels above the editor).
  function sameComposer(button, field, levels = 14) {
    let n = field;
    for (let i = 0; n && i < 64; i += 1, n = n.parentNode) {
      const container =
        n.nodeName === "FORM" || (n.getAttribute && n.getAttribute("role") === "dialog");
      if (container || i < levels) {
        if (n.contains(button)) return true;
        if (container) return false;
      }
    }
    return false;
  }

  return { forPage, isPostButton, hostMatches, labelOf, SITES };
})();

if (typeof module === "object") module.exports = sites;

"use strict";

// The per-site adapters: which site a page is, and which button posts.

const test = require("node:test");
const assert = require("node:assert/strict");
const sites = require("../lib/sites.js");
const { h } = require("./fakedom.js");

/** A fake element that matches the selectors listed in `matches`. */
function button(attrs, label, matches = []) {
  const b = h("button", attrs, label);
  b.matches = (selector) => selector.split(",").some((s) => matches.includes(s.trim()));
  return b;
}

test("sites are recognised by host name, subdomains included", () => {
  const cases = {
    "x.com": "x",
    "twitter.com": "x",
    "mobile.twitter.com": "x",
    "www.facebook.com": "facebook",
    "m.facebook.com": "facebook",
    "www.linkedin.com": "linkedin",
    "www.instagram.com": "instagram",
    "bsky.app": "bluesky",
    "www.threads.net": "threads",
    "www.threads.com": "threads",
    "X.COM.": "x",
  };
  for (const [host, id] of Object.entries(cases)) {
    assert.equal(sites.forPage(host, null).id, id, host);
  }
});

test("look-alike hosts are not the site", () => {
  for (const host of ["notx.com", "x.com.example.net", "facebook.co", "fakebsky.app"]) {
    assert.equal(sites.forPage(host, null).id, "generic", host);
  }
});

test("a Mastodon instance is recognised by its web app's root element, on any host", () => {
  const doc = { querySelector: (s) => (s === "#mastodon" ? {} : null) };
  assert.equal(sites.forPage("social.example.org", doc).id, "mastodon");
  assert.equal(sites.forPage("social.example.org", { querySelector: () => null }).id, "generic");
});

test("X's Post button is known by its test id, wherever it stands", () => {
  const x = sites.forPage("x.com", null);
  const post = button({ "data-testid": "tweetButton" }, "Post", ['[data-testid="tweetButton"]']);
  const field = h("div", { contenteditable: "true" });
  h("main", {}, h("div", {}, field)); // a different subtree from the button
  assert.equal(sites.isPostButton(x, post, field), true);
});

test("elsewhere a Post-like label counts inside the field's composer", () => {
  const generic = sites.forPage("example.org", null);
  const field = h("textarea", {});
  const post = button({}, " Post ");
  const photo = button({}, "Add photo");
  h("form", {}, h("div", {}, field), h("div", {}, post, photo));
  assert.equal(sites.isPostButton(generic, post, field), true);
  assert.equal(sites.isPostButton(generic, photo, field), false);
});

test("a button's aria-label wins over its text (icon buttons)", () => {
  const field = h("textarea", {});
  const icon = button({ "aria-label": "Publish" }, "➤");
  h("div", { role: "dialog" }, field, icon);
  assert.equal(sites.isPostButton(sites.forPage("example.org", null), icon, field), true);
});

test("a Post button in another form or dialog is not this field's", () => {
  const field = h("textarea", {});
  const elsewhere = button({}, "Post");
  h("body", {}, h("form", {}, field), h("form", {}, elsewhere));
  assert.equal(sites.isPostButton(sites.forPage("example.org", null), elsewhere, field), false);
});

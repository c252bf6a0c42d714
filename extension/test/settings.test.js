"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const settings = require("../lib/settings.js");

test("the default server is the screener on this computer", () => {
  assert.equal(settings.DEFAULTS.serverUrl, "http://127.0.0.1:8000");
  assert.deepEqual(settings.clean({}), { ...settings.DEFAULTS });
});

test("server addresses are tidied: no trailing slash, a path prefix kept", () => {
  const cases = {
    "http://127.0.0.1:8000/": "http://127.0.0.1:8000",
    "  https://screener.example.org  ": "https://screener.example.org",
    "https://example.org/screener/": "https://example.org/screener",
    "HTTP://LOCALHOST:8123": "http://localhost:8123",
  };
  for (const [raw, url] of Object.entries(cases)) {
    assert.deepEqual(settings.normaliseServerUrl(raw), { url }, raw);
  }
});

test("addresses the extension will not send text to are refused, with a reason", () => {
  for (const raw of [
    "",
    "127.0.0.1:8000",
    "ftp://example.org",
    "javascript:alert(1)",
    "https://user:pw@example.org",
    "https://example.org/?key=1",
    "https://example.org/#x",
    "http://",
  ]) {
    assert.ok(settings.normaliseServerUrl(raw).error, raw);
  }
});

test("a host permission pattern covers the server on any port", () => {
  assert.equal(settings.originPattern("http://127.0.0.1:8000"), "http://127.0.0.1/*");
  assert.equal(settings.originPattern("https://example.org/screener"), "https://example.org/*");
});

test("loopback addresses are told apart from remote ones", () => {
  const loopback = [
    "http://127.0.0.1:8000",
    "http://localhost",
    "http://[::1]:8000",
    "http://127.1.2.3",
  ];
  for (const url of loopback) assert.equal(settings.isLoopback(url), true, url);
  const remote = [
    "http://10.0.0.5",
    "https://screener.example.org",
    "http://127.0.0.1.example.com",
  ];
  for (const url of remote) {
    assert.equal(settings.isLoopback(url), false, url);
  }
});

test("stored values are checked: bad ones fall back, the delay is bounded", () => {
  const clean = settings.clean({
    serverUrl: "nonsense",
    apiKey: " key ",
    policy: 7,
    guard: "yes",
    debounceMs: "20",
  });
  assert.deepEqual(clean, {
    serverUrl: "http://127.0.0.1:8000",
    apiKey: "key",
    policy: "",
    guard: true,
    debounceMs: 100,
  });
  assert.equal(settings.clean({ debounceMs: 99999 }).debounceMs, 5000);
  assert.equal(settings.clean({ debounceMs: "abc" }).debounceMs, 500);
  assert.equal(settings.clean({ guard: false }).guard, false);
});

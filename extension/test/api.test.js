"use strict";

// What the service worker sends to the server, and how it reads every kind of answer.

const test = require("node:test");
const assert = require("node:assert/strict");
const api = require("../lib/api.js");

const CONFIG = { serverUrl: "http://127.0.0.1:8000", apiKey: "", policy: "" };
const VIOLATION = {
  rule_id: "client_identifiers.name_with_client_role",
  category: "client_identifier",
  entity_type: "PERSON",
  severity: "block",
  start: 22,
  end: 33,
  text: "Maria Lopez",
  message: "Names a client.",
  policy_ref: "NASW Code of Ethics 1.07",
  score: 0.85,
  suggestion: "my client",
  placeholder: "[NAME]",
};
const RESULT = {
  verdict: "block",
  violations: [VIOLATION],
  redacted_text: "So proud of my client [NAME]",
  policy: { id: "default", version: "1" },
};

/** A fetch that records its calls and answers with `respond(url, init)`. */
function fakeFetch(respond) {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  fn.calls = calls;
  return fn;
}

const json = (status, body) => ({ ok: status < 300, status, json: async () => body });

test("a check posts the text to /v1/check of the configured server, for UTF-16 offsets", () => {
  const [url, init] = api.checkRequest(CONFIG, "hello");
  assert.equal(url, "http://127.0.0.1:8000/v1/check");
  assert.equal(init.method, "POST");
  assert.deepEqual(JSON.parse(init.body), { text: "hello", offsets: "utf16" });
  assert.equal(init.headers["Content-Type"], "application/json");
});

test("the text goes nowhere else: no redirect followed, no cookie, no referrer, no cache", () => {
  const [, init] = api.checkRequest(CONFIG, "hello");
  assert.equal(init.redirect, "error");
  assert.equal(init.credentials, "omit");
  assert.equal(init.referrerPolicy, "no-referrer");
  assert.equal(init.cache, "no-store");
});

test("the API key travels as X-API-Key, and only when there is one", () => {
  assert.equal("X-API-Key" in api.checkRequest(CONFIG, "t")[1].headers, false);
  const [, init] = api.checkRequest({ ...CONFIG, apiKey: "s3cret" }, "t");
  assert.equal(init.headers["X-API-Key"], "s3cret");
});

test("a policy is named only when one is chosen", () => {
  const [, init] = api.checkRequest({ ...CONFIG, policy: "example-agency" }, "t");
  assert.equal(JSON.parse(init.body).policy, "example-agency");
});

test("a good answer comes back as the result", async () => {
  const fetch = fakeFetch(() => json(200, RESULT));
  const answer = await api.check(fetch, CONFIG, "So proud of my client Maria Lopez");
  assert.equal(answer.state, "ok");
  assert.equal(answer.result.verdict, "block");
  assert.equal(answer.result.policy, "default");
  assert.deepEqual(answer.result.violations[0].text, "Maria Lopez");
  assert.equal(fetch.calls.length, 1);
  assert.ok(fetch.calls[0].init.signal, "every request has a time limit");
});

test("an unreachable server is 'offline', once: nothing is retried", async () => {
  const fetch = fakeFetch(() => {
    throw new TypeError("Failed to fetch");
  });
  assert.deepEqual(await api.check(fetch, CONFIG, "text"), { state: "offline" });
  assert.equal(fetch.calls.length, 1);
});

test("a server that does not answer in time is 'offline'", async () => {
  const hang = (url, init) =>
    new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new Error())));
  const alive = setInterval(() => {}, 10); // node's timeout signals do not hold the loop open
  try {
    assert.deepEqual(await api.check(hang, CONFIG, "text", 20), { state: "offline" });
  } finally {
    clearInterval(alive);
  }
});

test("error statuses become states the popup can explain", async () => {
  const cases = [
    [401, "unauthorised"],
    [403, "unauthorised"],
    [404, "unknown_policy"],
    [413, "too_long"],
    [422, "rejected"],
    [503, "not_ready"],
    [500, "server_error"],
  ];
  for (const [status, state] of cases) {
    const fetch = fakeFetch(() => json(status, { error: { status } }));
    assert.deepEqual(await api.check(fetch, CONFIG, "text"), { state, status });
  }
});

test("an answer that is not the API's shape is a server error, not a crash", async () => {
  const bodies = [
    null,
    { verdict: "maybe", violations: [] },
    { verdict: "block" },
    { verdict: "block", violations: [{ ...VIOLATION, start: "22" }] },
    { verdict: "block", violations: [{ ...VIOLATION, severity: "fatal" }] },
    { verdict: "block", violations: [null] },
  ];
  for (const body of bodies) {
    const fetch = fakeFetch(() => json(200, body));
    const answer = await api.check(fetch, CONFIG, "text");
    assert.equal(answer.state, "server_error", JSON.stringify(body));
  }
  const html = async () => JSON.parse("<html>");
  const notJson = fakeFetch(() => ({ ok: true, status: 200, json: html }));
  assert.equal((await api.check(notJson, CONFIG, "text")).state, "server_error");
});

test("server strings are kept as strings; absent optional fields become null", () => {
  const parsed = api.parseCheck({
    ...RESULT,
    violations: [{ ...VIOLATION, suggestion: null, placeholder: undefined, message: 42 }],
  });
  assert.equal(parsed.violations[0].suggestion, null);
  assert.equal(parsed.violations[0].placeholder, null);
  assert.equal(parsed.violations[0].message, "42");
});

test("Test connection asks /healthz and /v1/policies with the key, and sends no text", async () => {
  const fetch = fakeFetch((url) =>
    url.endsWith("/healthz")
      ? json(200, { status: "ok" })
      : json(200, { policies: [{ id: "default", default: true }, { id: "example-agency" }] }),
  );
  const answer = await api.probe(fetch, { serverUrl: "https://screener.example.org", apiKey: "k" });
  assert.deepEqual(answer, {
    state: "ok",
    policies: [
      { id: "default", default: true },
      { id: "example-agency", default: false },
    ],
  });
  assert.deepEqual(
    fetch.calls.map((c) => [c.url, c.init.method, c.init.headers["X-API-Key"], c.init.body]),
    [
      ["https://screener.example.org/healthz", "GET", "k", undefined],
      ["https://screener.example.org/v1/policies", "GET", "k", undefined],
    ],
  );
});

test("Test connection reports a refused key and an unreachable server", async () => {
  const refused = fakeFetch((url) => (url.endsWith("/healthz") ? json(200, {}) : json(401, {})));
  assert.equal((await api.probe(refused, CONFIG)).state, "unauthorised");
  const down = fakeFetch(() => {
    throw new TypeError("Failed to fetch");
  });
  assert.equal((await api.probe(down, CONFIG)).state, "offline");
});

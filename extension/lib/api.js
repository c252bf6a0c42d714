// Talking to the screener's API from the service worker: the one place a draft leaves the
// browser. It goes to the configured server's /v1/check and nowhere else: no redirect is
// followed (a 307 would re-send the body to wherever it points), no cookie or referrer is
// sent, and nothing is cached.
//
// Every failure becomes a state the writer sees as a quiet grey badge, never an exception,
// and nothing here retries: the next edit makes the next attempt.
"use strict";

const api = (() => {
  const TIMEOUT_MS = 10000;
  const VERDICTS = new Set(["block", "warn", "pass"]);
  const SEVERITIES = new Set(["block", "warn", "info"]);

  function headers(apiKey, json) {
    const h = { Accept: "application/json" };
    if (json) h["Content-Type"] = "application/json";
    if (apiKey) h["X-API-Key"] = apiKey;
    return h;
  }

  const FETCH_OPTIONS = {
    redirect: "error",
    credentials: "omit",
    cache: "no-store",
    referrerPolicy: "no-referrer",
  };

  /** The request for one check: [url, init]. */
  function checkRequest(config, text) {
    const body = { text, offsets: "utf16" };
    if (config.policy) body.policy = config.policy;
    const init = { ...FETCH_OPTIONS, method: "POST", headers: headers(config.apiKey, true) };
    return [config.serverUrl + "/v1/check", { ...init, body: JSON.stringify(body) }];
  }

  /** The response body as the extension uses it, or null when it is not one. */
  function parseCheck(body) {
    if (!body || !VERDICTS.has(body.verdict) || !Array.isArray(body.violations)) return null;
    const violations = [];
    for (const v of body.violations) {
      if (!v || typeof v.rule_id !== "string" || !SEVERITIES.has(v.severity)) return null;
      if (!Number.isInteger(v.start) || !Number.isInteger(v.end) || typeof v.text !== "string") {
        return null;
      }
      violations.push({
        rule_id: v.rule_id,
        severity: v.severity,
        category: String(v.category || ""),
        start: v.start,
        end: v.end,
        text: v.text,
        message: String(v.message || ""),
        policy_ref: String(v.policy_ref || ""),
        suggestion: typeof v.suggestion === "string" ? v.suggestion : null,
        placeholder: typeof v.placeholder === "string" ? v.placeholder : null,
      });
    }
    const policy = body.policy && typeof body.policy.id === "string" ? body.policy.id : "";
    return { verdict: body.verdict, violations, policy };
  }

  /** A failed response's state: what the popup says, and why checks stopped. */
  function stateOf(status) {
    if (status === 401 || status === 403) return "unauthorised";
    if (status === 404) return "unknown_policy";
    if (status === 413) return "too_long";
    if (status === 503) return "not_ready";
    if (status >= 400 && status < 500) return "rejected";
    return "server_error";
  }

  async function send(fetchFn, url, init, timeoutMs) {
    try {
      const response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      let body = null;
      try {
        body = await response.json();
      } catch {
        body = null;
      }
      return { response, body };
    } catch {
      return { response: null, body: null }; // refused, reset, timed out, redirected
    }
  }

  /**
   * Check `text` against `config` ({serverUrl, apiKey, policy}). Resolves to
   * {state: "ok", result} or {state: <why not>, status?}; never rejects.
   */
  async function check(fetchFn, config, text, timeoutMs = TIMEOUT_MS) {
    const [url, init] = checkRequest(config, text);
    const { response, body } = await send(fetchFn, url, init, timeoutMs);
    if (!response) return { state: "offline" };
    if (!response.ok) return { state: stateOf(response.status), status: response.status };
    const result = parseCheck(body);
    return result ? { state: "ok", result } : { state: "server_error", status: response.status };
  }

  /**
   * "Test connection": the server answers /healthz, accepts the key, and lists its
   * policies. Sends no post text.
   */
  async function probe(fetchFn, config, timeoutMs = TIMEOUT_MS) {
    const init = { ...FETCH_OPTIONS, method: "GET", headers: headers(config.apiKey, false) };
    const health = await send(fetchFn, config.serverUrl + "/healthz", init, timeoutMs);
    if (!health.response) return { state: "offline" };
    if (!health.response.ok) return { state: stateOf(health.response.status) };
    const listed = await send(fetchFn, config.serverUrl + "/v1/policies", init, timeoutMs);
    if (!listed.response) return { state: "offline" };
    if (!listed.response.ok) return { state: stateOf(listed.response.status) };
    const listedPolicies = listed.body && listed.body.policies;
    const policies = (Array.isArray(listedPolicies) ? listedPolicies : [])
      .filter((p) => p && typeof p.id === "string")
      .map((p) => ({ id: p.id, default: p.default === true }));
    return { state: "ok", policies };
  }

  return { checkRequest, parseCheck, stateOf, check, probe, TIMEOUT_MS };
})();

if (typeof module === "object") module.exports = api;

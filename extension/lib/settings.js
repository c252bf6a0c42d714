// The extension's settings, kept in chrome.storage.local (never sync: the API key stays on
// this machine), and the rules for a server URL.
"use strict";

const settings = (() => {
  const DEFAULTS = Object.freeze({
    serverUrl: "http://127.0.0.1:8000",
    apiKey: "",
    policy: "", // empty: the server's default policy
    guard: true, // ask before posting when the verdict is "block"
    debounceMs: 500,
  });
  const DEBOUNCE_RANGE = [100, 5000];

  /** {url} with no trailing slash, or {error} in words for the options page. */
  function normaliseServerUrl(raw) {
    const text = String(raw || "").trim();
    if (!/^https?:\/\//i.test(text)) return { error: "Start the address with http:// or https://" };
    let url;
    try {
      url = new URL(text);
    } catch {
      return { error: "That is not a web address." };
    }
    if (url.username || url.password) {
      return { error: "Put the API key in its own box, not in the address." };
    }
    if (url.search || url.hash) return { error: "Leave out the ? and # parts of the address." };
    const path = url.pathname.replace(/\/+$/, "");
    return { url: url.origin + path };
  }

  /** The match pattern that grants requests to `url` (Chrome's patterns match any port). */
  function originPattern(url) {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}/*`;
  }

  function isLoopback(url) {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
  }

  /** Stored values, checked and completed with the defaults. */
  function clean(stored) {
    const s = stored || {};
    const server = normaliseServerUrl(s.serverUrl);
    const delay = Number(s.debounceMs);
    return {
      serverUrl: server.url || DEFAULTS.serverUrl,
      apiKey: typeof s.apiKey === "string" ? s.apiKey.trim() : DEFAULTS.apiKey,
      policy: typeof s.policy === "string" ? s.policy.trim() : DEFAULTS.policy,
      guard: typeof s.guard === "boolean" ? s.guard : DEFAULTS.guard,
      debounceMs: Number.isFinite(delay)
        ? Math.min(DEBOUNCE_RANGE[1], Math.max(DEBOUNCE_RANGE[0], Math.round(delay)))
        : DEFAULTS.debounceMs,
    };
  }

  return { DEFAULTS, DEBOUNCE_RANGE, normaliseServerUrl, originPattern, isLoopback, clean };
})();

if (typeof module === "object") module.exports = settings;

// The service worker: the only part of the extension that talks to the server. Content
// scripts hand it a field's text; it sends the text to the configured server's /v1/check
// (its host permission lifts CORS, so the server needs no CORS setup) and answers with the
// result. It also keeps each tab's badge and status for the popup.
//
// The API key never leaves this worker and the extension's own pages: content scripts
// cannot read storage. Post text is never logged or stored, here or anywhere.
"use strict";

importScripts("lib/settings.js", "lib/api.js", "lib/verdicts.js");

// Content scripts get what they need by message; storage stays out of their reach.
if (chrome.storage.local.setAccessLevel) {
  chrome.storage.local.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" }).catch(() => {});
}

async function current() {
  return settings.clean(await chrome.storage.local.get(null));
}

function permitted(serverUrl) {
  return chrome.permissions.contains({ origins: [settings.originPattern(serverUrl)] });
}

const fromExtensionPage = (sender) => (sender.url || "").startsWith(chrome.runtime.getURL(""));
const STATES = new Set(["idle", "ok", ...Object.keys(verdicts.STATES)]);

/**
 * The badge of the tab, and the default badge too (shown on tabs the extension does not
 * run in, such as the browser's own pages): the last check made anywhere.
 */
async function showBadge(tabId, report) {
  const b = verdicts.badge(report);
  const scopes = report.state === "idle" ? [{ tabId }] : [{ tabId }, {}];
  await Promise.all(
    scopes.flatMap((scope) => [
      chrome.action.setBadgeText({ ...scope, text: b.text }),
      chrome.action.setBadgeBackgroundColor({ ...scope, color: b.color }),
      chrome.action.setBadgeTextColor({ ...scope, color: "#ffffff" }),
      chrome.action.setTitle({ ...scope, title: b.title }),
    ]),
  );
}

const HANDLERS = {
  /** For content scripts: what they need of the settings (never the key). */
  async config() {
    const s = await current();
    return { debounceMs: s.debounceMs, guard: s.guard, serverOrigin: new URL(s.serverUrl).origin };
  },

  /** Check one field's text. */
  async check(message) {
    if (typeof message.text !== "string" || message.text === "") return { state: "rejected" };
    const s = await current();
    if (!(await permitted(s.serverUrl))) return { state: "permission" };
    return api.check(fetch, s, message.text);
  },

  /** A content script's summary of the field last checked in its tab: the badge. */
  async report(message, sender) {
    const tabId = sender.tab && sender.tab.id;
    if (tabId === undefined || !STATES.has(message.state)) return null;
    const report = {
      state: message.state,
      verdict: ["block", "warn", "pass"].includes(message.verdict) ? message.verdict : "pass",
      count: Number.isInteger(message.count) ? message.count : 0,
      at: Date.now(),
    };
    // stored before the badge shows it, so a popup opened on the badge finds it
    const last = report.state === "idle" ? {} : { lastTab: tabId };
    await chrome.storage.session.set({ [`tab:${tabId}`]: report, ...last });
    await showBadge(tabId, report);
    return null;
  },

  /**
   * For the popup: a tab's last report and where checks go. A tab the extension does not
   * run in (the browser's pages, the extension's own) has no report: like the badge
   * there, the popup tells of the last check made.
   */
  async status(message, sender) {
    if (!fromExtensionPage(sender)) return null;
    const key = `tab:${message.tabId}`;
    const { lastTab, [key]: own } = await chrome.storage.session.get(["lastTab", key]);
    const last = own ? {} : await chrome.storage.session.get(`tab:${lastTab}`);
    const report = own || last[`tab:${lastTab}`] || null;
    const s = await current();
    return { report, serverUrl: s.serverUrl, policy: s.policy };
  },

  /** For the options page: "Test connection" with the settings as typed, not yet saved. */
  async probe(message, sender) {
    if (!fromExtensionPage(sender)) return null;
    const server = settings.normaliseServerUrl(message.serverUrl);
    if (server.error) return { state: "invalid", detail: server.error };
    if (!(await permitted(server.url))) return { state: "permission" };
    const key = typeof message.apiKey === "string" ? message.apiKey.trim() : "";
    return api.probe(fetch, { serverUrl: server.url, apiKey: key });
  },
};

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  const handler = message && Object.hasOwn(HANDLERS, message.type) && HANDLERS[message.type];
  if (!handler || sender.id !== chrome.runtime.id) return false;
  handler(message, sender).then(reply, () => reply(null));
  return true; // the reply comes asynchronously
});

chrome.tabs.onRemoved.addListener((tabId) => chrome.storage.session.remove(`tab:${tabId}`));

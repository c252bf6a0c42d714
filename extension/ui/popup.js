// The toolbar popup: the state of the field last checked in this tab, in words.
"use strict";

const $ = (id) => document.getElementById(id);

async function fill() {
  // The active tab's state (?tab= names another: the end-to-end tests use it).
  const asked = Number(new URLSearchParams(location.search).get("tab"));
  const [active] = asked ? [] : await chrome.tabs.query({ active: true, currentWindow: true });
  const tabId = asked || (active ? active.id : null);
  const status = await chrome.runtime.sendMessage({ type: "status", tabId });

  $("options").addEventListener("click", () => chrome.runtime.openOptionsPage());
  if (!status) return;
  $("server").textContent = status.serverUrl;
  $("policy").textContent = status.policy || "the server's default";

  const r = status.report;
  if (!r || r.state === "idle") return;
  const verdict = $("verdict");
  const detail = $("detail");
  if (r.state === "ok") {
    verdict.dataset.state = r.verdict;
    verdict.textContent = verdicts.WORDS[r.verdict];
    detail.textContent = r.count
      ? `${verdicts.plural(r.count, "passage", "passages")} to change: hover over the underlines.`
      : "No privacy problems found.";
  } else {
    verdict.dataset.state = "offline";
    verdict.textContent = r.state === "offline" ? "Server unreachable" : "Not checked";
    detail.textContent = verdicts.STATES[r.state] || "";
  }
}

fill().finally(() => {
  document.body.dataset.ready = "true"; // filled in: the end-to-end tests wait for it
});

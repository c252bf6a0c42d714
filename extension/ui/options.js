// The options page: server address, API key, policy, the guard and the delay; "Test
// connection" asks the server for /healthz and /v1/policies (no post text is sent).
"use strict";

(async () => {
  const $ = (id) => document.getElementById(id);
  const form = $("form");
  const statusLine = $("status");

  function say(text, ok) {
    statusLine.textContent = text;
    statusLine.dataset.ok = ok === undefined ? "" : String(ok);
  }

  function fillPolicies(policies, chosen) {
    const select = $("policy");
    const ids = new Set(policies.map((p) => p.id));
    if (chosen) ids.add(chosen);
    const options = [new Option("The server's default", "")];
    for (const id of ids) {
      const p = policies.find((x) => x.id === id);
      options.push(new Option(p && p.default ? `${id} (the server's default)` : id, id));
    }
    select.replaceChildren(...options);
    select.value = chosen || "";
  }

  const saved = settings.clean(await chrome.storage.local.get(null));
  $("server").value = saved.serverUrl;
  $("key").value = saved.apiKey;
  $("guard").checked = saved.guard;
  $("delay").value = String(saved.debounceMs);
  fillPolicies([], saved.policy);

  /**
   * Ask for the host permission a remote server needs. Called first thing in a click or
   * submit handler: Chrome shows its prompt only during the user's gesture.
   */
  function allow(url) {
    const origins = [settings.originPattern(url)];
    return chrome.permissions.request({ origins }).catch(() => false);
  }

  function read() {
    const server = settings.normaliseServerUrl($("server").value);
    return { server, apiKey: $("key").value.trim() };
  }

  async function test(quiet) {
    const { server, apiKey } = read();
    if (server.error) return quiet || say(server.error, false);
    const probe = { type: "probe", serverUrl: server.url, apiKey };
    const answer = await chrome.runtime.sendMessage(probe);
    if (answer && answer.state === "ok") {
      fillPolicies(answer.policies, $("policy").value);
      const n = verdicts.plural(answer.policies.length, "policy", "policies");
      return quiet || say(`Connected to ${server.url}: ${n}.`, true);
    }
    if (quiet) return;
    const state = answer ? answer.state : "offline";
    const words = {
      offline: `Can't reach ${server.url}. Is the screener running there?`,
      permission: "The extension was not allowed to reach that server.",
    };
    const fallback = "The server answered with an error.";
    say(words[state] || (answer && answer.detail) || verdicts.STATES[state] || fallback, false);
  }

  /** Keep the form's values; false (and why, on the status line) if the address is wrong. */
  async function save() {
    const { server, apiKey } = read();
    if (server.error) {
      say(server.error, false);
      return false;
    }
    const values = settings.clean({
      serverUrl: server.url,
      apiKey,
      policy: $("policy").value,
      guard: $("guard").checked,
      debounceMs: $("delay").value,
    });
    await chrome.storage.local.set(values);
    $("server").value = values.serverUrl;
    $("delay").value = String(values.debounceMs);
    return true;
  }

  async function permitted(url) {
    return chrome.permissions.contains({ origins: [settings.originPattern(url)] });
  }

  function sayKept(url, granted) {
    const plain = url.startsWith("http://") && !settings.isLoopback(url);
    if (!granted) say("Saved. Press Test connection to let the extension reach it.", false);
    else if (plain) say("Saved. This server is reached without encryption: prefer https://.", true);
    else say("Saved. Pages opened before now use the new delay and guard once reloaded.", true);
  }

  // The status line tells of the last action only. Pressing Test connection right after
  // typing an address fires the field's change (its save) and the click together; the
  // change's "Saved." used to land after "Testing…" on a busy machine and stay there.
  let lastAction = 0;

  // Each change is kept as soon as it is made, as in Chrome's own settings.
  form.addEventListener("change", async () => {
    const action = ++lastAction;
    if (!(await save())) return;
    const granted = await permitted(read().server.url);
    if (action === lastAction) sayKept(read().server.url, granted);
  });

  // Test connection keeps the address too: testing a server is choosing it.
  $("test").addEventListener("click", async () => {
    ++lastAction;
    const { server } = read();
    if (!server.error) await allow(server.url); // first: Chrome asks only during the click
    if (!(await save())) return;
    say("Testing…");
    await test(false);
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    ++lastAction;
    const { server } = read();
    const granted = server.error ? false : await allow(server.url);
    if (await save()) sayKept(server.url, granted);
  });

  test(true); // list the policies of the saved server, quietly
})();

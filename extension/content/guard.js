// The optional guard: when a field's verdict is "block" and the writer presses the site's
// Post button (or Ctrl+Enter, or submits the form), ask first. window.confirm blocks, so the
// writer's own click goes on untouched when they choose to post, and is stopped before the
// site sees it when they do not.
"use strict";

const guard = (() => {
  const BUTTONS = 'button, [role="button"], input[type="submit"]';

  /**
   * Watch this frame's Post buttons. `sessions`: field -> session (content/main.js);
   * `config()`: the settings, null until they arrive.
   */
  function install(sessions, config) {
    let askedAt = -Infinity;

    const on = () => Boolean(config() && config().guard);
    const blocked = (s) =>
      s.state === "ok" && s.field.isConnected && s.summary().verdict === "block";

    function ask(session, event) {
      const first = session.visible().find((m) => m.v.severity === "block");
      const ok = window.confirm(
        "The screener says this post must not be published:\n\n" +
          `${first.v.message}\n(“${first.v.text}”)\n\nPost it anyway?`,
      );
      askedAt = performance.now();
      if (!ok) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    }

    function onClick(event) {
      if (!on() || !event.isTrusted) return;
      const target = event.composedPath()[0];
      const button = target.closest && target.closest(BUTTONS);
      if (!button) return;
      const site = sites.forPage(location.hostname, document); // Mastodon's marker comes late
      for (const s of sessions.values()) {
        if (blocked(s) && sites.isPostButton(site, button, s.field)) return ask(s, event);
      }
    }

    function onKey(event) {
      if (!on() || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
      const s = sessions.get(fields.fieldOf(event.composedPath()[0])); // "post now"
      if (s && blocked(s)) ask(s, event);
    }

    function onSubmit(event) {
      if (!on() || performance.now() - askedAt < 1000) return; // its click was just asked about
      for (const s of sessions.values()) {
        if (blocked(s) && event.target.contains(s.field)) return ask(s, event);
      }
    }

    window.addEventListener("click", onClick, true);
    window.addEventListener("keydown", onKey, true);
    window.addEventListener("submit", onSubmit, true);
  }

  return { install };
})();

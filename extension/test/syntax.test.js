"use strict";

// Every script the extension ships parses, including those no other unit test loads (the
// service worker, the content script's DOM parts, the popup and options pages): a syntax
// error would otherwise surface only as a dead page in the browser.

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.join(__dirname, "..");
const scripts = ["background.js", ...["lib", "content", "ui"].flatMap((dir) =>
  fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith(".js")).map((f) => `${dir}/${f}`),
)];

for (const name of scripts) {
  test(`${name} parses`, () => {
    const source = fs.readFileSync(path.join(ROOT, name), "utf8");
    assert.doesNotThrow(() => new vm.Script(source, { filename: name }));
  });
}

test("the content scripts share one scope without clashing", () => {
  // they run in order in one isolated world: a top-level name declared twice is an error
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "manifest.json"), "utf8"));
  const seen = new Map();
  for (const name of manifest.content_scripts[0].js) {
    const source = fs.readFileSync(path.join(ROOT, name), "utf8");
    for (const [, declared] of source.matchAll(/^(?:const|let|class|function) (\w+)/gm)) {
      assert.ok(!seen.has(declared), `${declared} in ${name} and ${seen.get(declared)}`);
      seen.set(declared, name);
    }
  }
});

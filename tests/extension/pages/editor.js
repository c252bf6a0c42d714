// Loads the editor named by ?editor= into editor.html: "rerender" (rerender.js), "model"
// (model.js), "replace" (replace.js), or "plain", the browser's own contenteditable with
// no script at all.
const name = new URLSearchParams(location.search).get("editor");
if (["rerender", "model", "replace"].includes(name)) {
  const script = document.createElement("script");
  script.src = `${name}.js`;
  document.body.append(script);
}

// What the page saw: every input event, and every post that got through.
window.inputs = [];
window.posted = [];
const draft = document.getElementById("draft");
draft.addEventListener("input", (e) => window.inputs.push([e.inputType, draft.value]));
document.getElementById("post").addEventListener("click", () => window.posted.push(draft.value));

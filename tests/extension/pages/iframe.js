// The editor comes from another origin (localhost rather than 127.0.0.1), as an embedded
// editor or widget often does: the page cannot reach into it, but the extension must.
const frame = document.getElementById("frame");
frame.src = `${location.protocol}//localhost:${location.port}/frame.html`;

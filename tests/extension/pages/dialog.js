const composer = document.getElementById("composer");
document.getElementById("compose").addEventListener("click", () => composer.showModal());

// Small enhancements; every page works without them.
document.addEventListener("keydown", (event) => {
  // "n" and "p" jump to the next and previous change of a redline.
  if (event.target.closest("input, textarea, select") || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key !== "n" && event.key !== "p") return;
  const changes = [...document.querySelectorAll("[data-change]")];
  if (!changes.length) return;
  const current = Number(location.hash.replace("#change-", "")) || 0;
  const next = event.key === "n" ? Math.min(current + 1, changes.length) : Math.max(current - 1, 1);
  location.hash = "change-" + next;
});

// "Previous change" and "Next change" follow the change in view; without script they lead to the first.
function stepChange(step) {
  const total = document.querySelectorAll("[data-change]").length;
  const current = Number(location.hash.replace("#change-", "")) || 0;
  return Math.min(Math.max(current + step, 1), total);
}

function showChangePosition() {
  const position = document.querySelector("[data-change-position]");
  const current = Number(location.hash.replace("#change-", "")) || 0;
  if (position && current) position.textContent = position.dataset.template.replace("{n}", current);
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-step]");
  if (!link || !document.querySelector("[data-change]")) return;
  event.preventDefault();
  location.hash = "change-" + stepChange(Number(link.dataset.step));
});
window.addEventListener("hashchange", showChangePosition);
document.addEventListener("DOMContentLoaded", showChangePosition);

// Forms marked data-swap-errors show the page the server answers a refusal with (htmx leaves 4xx out).
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  const source = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (status >= 400 && status < 500 && source && source.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// An upload's <progress data-upload-progress> follows the bytes sent.
document.addEventListener("htmx:xhr:progress", (event) => {
  const bar = event.target.querySelector("progress[data-upload-progress]");
  if (bar && event.detail.lengthComputable) {
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  }
});

// A field filled in from the current wording never overwrites what the person typed meanwhile.
document.addEventListener("htmx:oobBeforeSwap", (event) => {
  const field = event.detail.target;
  if (field && "value" in field && field.value.trim() !== "") event.detail.shouldSwap = false;
});

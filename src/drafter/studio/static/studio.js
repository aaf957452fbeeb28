// The studio page: loads the spec and the library, keeps the preview, problems and budgets
// in step with every change (one POST /api/preview per change, the newest answer wins), saves
// the spec back and downloads what `drafter render` writes.
import { ApiError, getJSON, send, sendJSON } from "./api.js";
import { clear, h } from "./dom.js";
import { applyProblems, applyStats, renderParts } from "./document.js";
import { renderMasthead } from "./masthead.js";
import { renderFilters, search, wireLibrary } from "./library.js";
import { S, specText, t } from "./state.js";

// Change-to-preview times in milliseconds, newest last (benchmarks/studio_preview.py reads them).
window.drafterTimings = [];
let sent = 0;
let shown = 0;
let inFlight = false;
let again = null;

function setState(text, kind = "") {
  const el = document.getElementById("state");
  el.textContent = text;
  el.className = `state ${kind}`;
}

function showError(error) {
  const general = document.getElementById("general-problems");
  const message = error instanceof ApiError ? error.message : String(error);
  general.append(h("p", { class: "problem error", role: "alert", text: `${t("failed")}: ${message}` }));
  if (error instanceof ApiError && Array.isArray(error.body.problems)) {
    S.problems = error.body.problems;
    S.problemsInFile = false;
    applyProblems();
  }
}

function translateStatic() {
  document.documentElement.lang = S.ui === "zh" ? "zh-Hans" : "en";
  document.querySelectorAll("[data-i18n]").forEach((el) => (el.textContent = t(el.dataset.i18n)));
  document.getElementById("preview").title = t("previewTitle");
  const box = clear(document.getElementById("downloads"));
  for (const fmt of S.meta.formats.filter((f) => f !== "html")) {
    const name = { docx: "DOCX", md: "Markdown", pdf: "PDF" }[fmt] || fmt;
    box.append(h("button", { type: "button", id: `download-${fmt}`, "aria-label": `${t("download")} ${name}`, text: `⤓ ${name}`,
      onclick: () => download(`/api/render?format=${fmt}`, `${S.file.replace(/\.ya?ml$/i, "")}.${fmt}`) }));
  }
}

function renderAll(focusKey) {
  const active = focusKey || (document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.focus : null);
  const caret = document.activeElement && "selectionStart" in document.activeElement ? document.activeElement.selectionStart : null;
  renderMasthead(start);
  renderParts();
  applyStats();
  applyProblems();
  if (active) {
    let el = document.querySelector(`[data-focus="${CSS.escape(active)}"]`);
    if (el && el.disabled) {
      // moved to the top or the bottom: its button in that direction is off, keep focus in the row
      const row = el.closest("li");
      el = row && (row.querySelector(".tools button:not([disabled]):not([aria-expanded])") || row.querySelector("button:not([disabled])"));
    }
    if (el) {
      el.focus();
      if (caret !== null && !focusKey && "setSelectionRange" in el) el.setSelectionRange(caret, caret);
    }
  }
}

async function updatePreview(started) {
  if (inFlight) {
    again = started; // coalesce: one more request once this one is back, with the newest spec
    return;
  }
  inFlight = true;
  const mine = ++sent;
  try {
    const answer = await sendJSON("POST", "/api/preview", specText());
    if (mine > shown) {
      shown = mine;
      if (S.dirty || !S.problemsInFile) { // unchanged since loaded or saved: keep the file's locations
        S.problems = answer.problems;
        S.problemsInFile = false;
      }
      const note = document.getElementById("preview-note");
      if (answer.stats) S.stats = answer.stats;
      if (answer.html) {
        showPreview(answer.html);
        note.hidden = true;
      } else {
        note.textContent = t("previewStale");
        note.hidden = false;
      }
      applyStats();
      applyProblems();
      window.drafterTimings.push(performance.now() - started);
    }
  } catch (error) {
    showError(error);
  } finally {
    inFlight = false;
    if (again !== null) {
      const next = again;
      again = null;
      updatePreview(next);
    }
  }
}

function showPreview(html) {
  const frame = document.getElementById("preview");
  const doc = frame.contentDocument;
  if (!doc || !doc.body || !doc.body.firstChild) {
    frame.srcdoc = html;
    return;
  }
  const fresh = new DOMParser().parseFromString(html, "text/html");
  doc.documentElement.lang = fresh.documentElement.lang;
  doc.body.replaceWith(doc.importNode(fresh.body, true));
}

// Every change calls this: `structural` re-renders the pane (add, move, remove, language);
// typing only updates the preview, problems and budgets, so the caret stays where it is.
function changed(structural, focusKey) {
  const started = performance.now();
  S.dirty = true;
  setState(t("unsaved"), "dirty");
  if (structural) renderAll(focusKey);
  updatePreview(started);
}

async function download(url, name) {
  try {
    const response = await send("POST", url, specText());
    const blob = await response.blob();
    const link = h("a", { href: URL.createObjectURL(blob), download: name, hidden: true });
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  } catch (error) {
    showError(error);
  }
}

async function save() {
  try {
    const answer = await sendJSON("PUT", "/api/spec", specText(), { "If-Match": `"${S.version}"` });
    S.version = answer.version;
    S.dirty = false;
    S.exists = true;
    S.problems = answer.problems; // now located in the file as written
    S.problemsInFile = true;
    renderAll();
    setState(answer.problems.some((p) => p.severity === "error") ? t("savedWithProblems") : t("saved"), "saved");
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) setState(t("changedOnDisk"), "dirty");
    showError(error);
  }
}

function adopt(current) {
  S.file = current.file;
  S.exists = current.exists;
  S.version = current.version;
  S.spec = current.data && typeof current.data === "object" && !Array.isArray(current.data) ? current.data : { drafter: 1, submission: {} };
  S.problems = current.problems;
  S.problemsInFile = true;
  document.getElementById("file").textContent = current.file + (current.exists ? "" : ` ${t("newFile")}`);
}

// A new spec begins again as the starter of another form (`drafter init --form`).
async function start(form) {
  try {
    const current = await sendJSON("POST", `/api/spec/start?form=${encodeURIComponent(form)}`, "");
    S.starter = form;
    adopt(current);
    S.dirty = false;
    renderAll("m:starter");
    setState(t("upToDate"));
    updatePreview(performance.now());
  } catch (error) {
    showError(error);
  }
}

async function boot() {
  S.ui = localStorage.getItem("drafter-studio-ui") === "zh" ? "zh" : "en";
  document.getElementById("ui-lang").value = S.ui;
  const [meta, all, current] = await Promise.all([getJSON("/api/meta"), getJSON("/api/library"), getJSON("/api/spec")]);
  S.meta = meta;
  all.items.forEach((item) => S.items.set(item.id, item));
  adopt(current);
  S.onChange = (structural, focusKey) => changed(structural, focusKey || undefined);
  translateStatic();
  renderFilters();
  wireLibrary();
  renderAll();
  setState(t("upToDate"));
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("download-spec").addEventListener("click", () => download("/api/spec/export", S.file));
  document.getElementById("ui-lang").addEventListener("change", (e) => {
    S.ui = e.target.value;
    localStorage.setItem("drafter-studio-ui", S.ui);
    translateStatic();
    renderFilters();
    renderAll("ui");
    search();
  });
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); save(); }
  });
  window.addEventListener("beforeunload", (e) => { if (S.dirty) e.preventDefault(); });
  search();
  updatePreview(performance.now());
}

boot().catch(showError);

// The submission pane (the masthead form is masthead.js): the preamble, every theme of the framework
// with its sections, and the closing; each paragraph with its status, budget, problems and,
// when open, its editor beside the source text with the difference shown.
import { clear, h } from "./dom.js";
import { S, framework, langName, langs, listAt, pick, prune, setText, t, textOf, uidOf, where } from "./state.js";

function announce(text) {
  const el = document.getElementById("announce");
  el.textContent = "";
  setTimeout(() => (el.textContent = text), 20);
}

// -- paragraphs ---------------------------------------------------------------------------------

function gist(entry) {
  const lang = langs().includes(S.ui) ? S.ui : langs()[0];
  const item = typeof entry.use === "string" ? S.items.get(entry.use) : null;
  const text = textOf(entry.text, lang) ?? (item ? pick(item.text, lang) : "");
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}

function label(entry) {
  if (typeof entry.use === "string") return entry.use;
  if (entry.include && typeof entry.include === "object") {
    return t("include", Object.entries(entry.include).map(([k, v]) => `${k}=${v}`).join(", "));
  }
  return t("own");
}

function move(path, list, i, by) {
  const j = i + by;
  if (j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j], list[i]];
  announce(t("moved", label(list[j]), j + 1));
  S.onChange(true, `e:${uidOf(list[j])}:${by < 0 ? "up" : "down"}`);
}

function remove(path, list, i) {
  const [gone] = list.splice(i, 1);
  prune(path);
  announce(t("removed", label(gone)));
  const next = list[Math.min(i, list.length - 1)];
  S.onChange(true, next ? `e:${uidOf(next)}:remove` : `add:${path}`);
}

function editor(entry, path) {
  const item = typeof entry.use === "string" ? S.items.get(entry.use) : null;
  const box = h("div", { class: "editor", id: `ed-${uidOf(entry)}` });
  for (const lang of langs()) {
    const name = langName(lang);
    const source = item ? item.text[lang] : undefined;
    const current = textOf(entry.text, lang) ?? source ?? "";
    const area = h("textarea", {
      lang, dir: "auto", rows: Math.min(12, Math.max(3, Math.ceil(current.length / (lang === "zh" ? 40 : 70)))),
      "aria-label": t("yourText", name), dataset: { focus: `e:${uidOf(entry)}:text:${lang}` }, value: current,
      oninput: (e) => {
        const value = e.target.value;
        if (item && value === source) setText(entry, "text", lang, null);
        else setText(entry, "text", lang, value);
        S.onChange(false);
      },
    });
    const pair = h("div", { class: "lang-pair", dataset: { path: `${path}.text.${lang}` } });
    if (item && source !== undefined) {
      pair.append(h("figure", { class: "source" }, h("figcaption", { text: t("sourceText", name) }),
        h("div", { lang, dir: "auto", text: source })));
    }
    pair.append(h("div", { class: "mine" }, h("label", { class: "caption", text: t("yourText", name) }), area));
    if (item && source !== undefined) {
      pair.append(h("div", { class: "diff", dataset: { diff: `${path}|${lang}` }, "aria-label": t("difference") }));
      pair.append(h("button", { type: "button", class: "small", text: t("revert"),
        onclick: () => { setText(entry, "text", lang, null); S.onChange(true, `e:${uidOf(entry)}:text:${lang}`); } }));
    }
    box.append(pair);
  }
  return box;
}

function entryRow(entry, path, list, i) {
  const id = uidOf(entry);
  const at = `${path}[${i}]`;
  const name = label(entry);
  const open = S.open.has(entry);
  const editable = !entry.include;
  const toggle = () => { if (S.open.has(entry)) S.open.delete(entry); else S.open.add(entry); S.onChange(true, `e:${id}:edit`); };
  const row = h("li", {
    class: "entry", dataset: { path: at, entry: id },
    onkeydown: (e) => {
      if (e.altKey && e.key === "ArrowUp") { e.preventDefault(); move(path, list, i, -1); }
      if (e.altKey && e.key === "ArrowDown") { e.preventDefault(); move(path, list, i, 1); }
      if (e.key === "Escape" && S.open.has(entry)) { e.preventDefault(); toggle(); }
    },
  },
  h("div", { class: "row" },
    h("span", { class: "num", dataset: { num: at } }),
    h("span", { class: "ident", text: name }),
    h("span", { class: "badges", dataset: { badges: at } }),
    h("span", { class: "gist", text: gist(entry) }),
    h("span", { class: "tools" },
      editable && h("button", { type: "button", "aria-expanded": open ? "true" : "false", "aria-controls": `ed-${id}`,
        "aria-label": t("editItem", name), dataset: { focus: `e:${id}:edit` }, text: open ? t("close") : t("edit"), onclick: toggle }),
      h("button", { type: "button", "aria-label": t("upItem", name), title: t("up"), disabled: i === 0,
        dataset: { focus: `e:${id}:up` }, text: "↑", onclick: () => move(path, list, i, -1) }),
      h("button", { type: "button", "aria-label": t("downItem", name), title: t("down"), disabled: i === list.length - 1,
        dataset: { focus: `e:${id}:down` }, text: "↓", onclick: () => move(path, list, i, 1) }),
      h("button", { type: "button", "aria-label": t("removeItem", name), title: t("remove"), dataset: { focus: `e:${id}:remove` },
        text: "✕", onclick: () => remove(path, list, i) }))));
  if (open && editable) row.append(editor(entry, at));
  return row;
}

function block(path, heading, level) {
  const list = listAt(path);
  const box = h("section", { class: `block level-${level}`, dataset: { path } },
    h(level === 3 ? "h3" : "h4", {}, h("span", { text: heading }), " ", h("span", { class: "budget", dataset: { budget: path } })));
  const ol = h("ol", { class: "entries" });
  list.forEach((entry, i) => { if (entry && typeof entry === "object") ol.append(entryRow(entry, path, list, i)); });
  box.append(list.length ? ol : h("p", { class: "empty", text: t("empty") }));
  box.append(h("button", { type: "button", class: "small", dataset: { focus: `add:${path}` }, text: `＋ ${t("ownParagraph")}`,
    "aria-label": `${t("ownParagraph")}: ${where(path)}`,
    onclick: () => {
      const entry = { text: Object.fromEntries(langs().map((l) => [l, ""])) };
      listAt(path, true).push(entry);
      S.open.add(entry);
      S.onChange(true, `e:${uidOf(entry)}:text:${langs()[0]}`);
    } }));
  return box;
}

export function renderParts() {
  const parts = clear(document.getElementById("parts"));
  const fw = framework();
  parts.append(block("preamble", t("preamble"), 3));
  for (const th of fw.themes) {
    const body = (S.spec.themes || {})[th.key];
    const theme = h("section", { class: "theme", dataset: { path: `themes.${th.key}` } },
      h("h3", { text: `${th.number}. ${pick(th.title)}` }));
    if (body && typeof body === "object" && body.include) {
      theme.append(h("p", { class: "include" }, h("span", { text: t("include", Object.entries(body.include).map(([k, v]) => `${k}=${v}`).join(", ")) }), " ",
        h("button", { type: "button", class: "small", text: t("remove"),
          onclick: () => { delete body.include; prune(`themes.${th.key}.x`); S.onChange(true); } })));
    }
    for (const sec of fw.sections) theme.append(block(`themes.${th.key}.${sec.key}`, pick(sec.title), 4));
    parts.append(theme);
  }
  parts.append(block("closing", t("closing"), 3));
}

// -- what the server said ---------------------------------------------------------------------

function counts(stat) {
  return langs().map((lang) => {
    const n = stat ? stat.counts[lang] ?? 0 : 0;
    const unit = t("units")[stat ? stat.units[lang] : lang === "zh" ? "characters" : "words"];
    const limit = stat && stat.limit ? stat.limit[lang] : undefined;
    const over = limit !== undefined && n > limit;
    return h("span", { class: over ? "count over" : "count", lang },
      `${langName(lang)} ${n} ${unit}${limit !== undefined ? ` ${t("limitOf", limit)}` : ""}${over ? ` — ${t("overLimit")}` : ""}`);
  });
}

function renderDiff(el, parts, similarity) {
  clear(el);
  if (!parts) {
    el.append(h("span", { class: "same", text: t("noDifference") }));
    return;
  }
  el.append(h("span", { class: "caption", text: `${t("difference")} · ${t("similarity", Math.round(similarity * 100))}` }), h("br"));
  for (const [op, text] of parts) el.append(op === "equal" ? text : h(op === "delete" ? "del" : "ins", { text }));
}

export function applyStats() {
  const stats = S.stats;
  if (!stats) return;
  const sections = new Map(stats.sections.map((s) => [s.path, s]));
  const rows = new Map(stats.sections.flatMap((s) => s.paragraphs.map((p) => [p.path, p])));
  document.querySelectorAll("[data-budget]").forEach((el) => clear(el).append(...counts(sections.get(el.dataset.budget))));
  document.querySelectorAll("[data-num]").forEach((el) => {
    const row = rows.get(el.dataset.num);
    el.textContent = row && row.number ? `${row.number}.` : "";
  });
  document.querySelectorAll("[data-badges]").forEach((el) => {
    const row = rows.get(el.dataset.badges);
    clear(el);
    if (!row) return;
    for (const lang of langs()) {
      const status = row.status[lang];
      if (status) el.append(h("span", { class: `badge ${status}`, lang: S.ui, text: `${lang}: ${t("status")[status]}` }));
    }
  });
  document.querySelectorAll("[data-diff]").forEach((el) => {
    const [path, lang] = el.dataset.diff.split("|");
    const row = rows.get(path);
    const d = row && row.diff ? row.diff[lang] : undefined;
    renderDiff(el, d ? d.parts : null, d ? d.similarity : 1);
  });
}

function covers(path, target) {
  return target === path || target.startsWith(`${path}.`) || target.startsWith(`${path}[`);
}

export function applyProblems() {
  document.querySelectorAll(".attached").forEach((el) => el.remove());
  document.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  const general = clear(document.getElementById("general-problems"));
  const holders = [...document.querySelectorAll("[data-path]")];
  let n = 0;
  for (const p of S.problems) {
    n += 1;
    const best = holders.filter((el) => el.isConnected && covers(el.dataset.path, p.path || ""))
      .sort((a, b) => b.dataset.path.length - a.dataset.path.length)[0];
    const id = `problem-${n}`;
    // located in the file (as loaded or saved): the server's own `file:line:col: …` message;
    // located in the JSON the page posted: the key path, since those lines are not the file's
    const text = S.problemsInFile && p.line ? p.text : `${p.path ? `${p.path}: ` : ""}${p.message}${p.hint ? ` (${p.hint})` : ""}`;
    const note = h("p", { id, class: `problem attached ${p.severity}`, role: p.severity === "error" ? "alert" : null,
      title: p.text }, `${p.severity === "warning" ? "⚠" : "✖"} ${text}`);
    if (best && p.path) {
      const control = best.querySelector("input, select, textarea");
      if (control && best.classList.contains("field")) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", id);
      }
      const anchor = best.matches("li.entry") ? best.querySelector(".row") : best.querySelector("label, h3, h4, .mine") || best.firstChild;
      anchor.after(note);
    } else {
      general.append(note);
    }
  }
  general.prepend(h("p", { class: "count", text: t("problemsCount", S.problems.length) }));
}

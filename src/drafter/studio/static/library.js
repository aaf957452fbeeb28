// The library pane: search (English and Chinese, drafter's own search), browse by section,
// source, theme and kind, and add an item to a part of the submission.
import { getJSON } from "./api.js";
import { clear, h } from "./dom.js";
import { S, framework, listAt, pick, t, targets, uidOf, usedIds, where } from "./state.js";

const SHOWN = 60;
let timer = null;
let asked = 0;

function options(el, list, value) {
  clear(el).append(h("option", { value: "", text: t("any") }), ...list.map(([v, text]) => h("option", { value: v, text, selected: v === value })));
}

export function renderFilters() {
  const fw = framework();
  const keep = (id) => document.getElementById(id).value;
  options(document.getElementById("f-section"), fw.sections.map((s) => [s.key, pick(s.title)]), keep("f-section"));
  options(document.getElementById("f-source"), S.meta.sources.map((s) => [s.key, `${pick(s.short)} (${s.key})`]), keep("f-source"));
  options(document.getElementById("f-theme"), fw.themes.map((th) => [th.key, `${th.number}. ${pick(th.title)}`]), keep("f-theme"));
  options(document.getElementById("f-kind"), S.meta.kinds.map((k) => [k, k]), keep("f-kind"));
  const q = document.getElementById("q");
  q.placeholder = t("searchPlaceholder");
}

function defaultTarget(item) {
  if (item.kind === "preamble" || item.kind === "intro") return "preamble";
  if (item.kind === "closing") return "closing";
  const theme = document.getElementById("f-theme").value || item.themes[0] || framework().themes[0].key;
  return `themes.${theme}.${item.section}`;
}

function add(item, path) {
  const entry = { use: item.id };
  listAt(path, true).push(entry);
  const el = document.getElementById("announce");
  el.textContent = t("added", item.id, where(path));
  S.onChange(true, null, true); // focus stays on the result: add several in a row
  search();
}

function result(item) {
  const used = usedIds().has(item.id);
  const target = h("select", { "aria-label": `${t("addTo")} (${item.id})` },
    targets().map((x) => h("option", { value: x.path, text: x.label, selected: x.path === defaultTarget(item) })));
  const source = S.meta.sources.find((s) => s.key === item.source);
  const ref = pick(item.ref);
  const texts = Object.keys(item.text).map((lang) => {
    const m = item.match[lang];
    const body = m ? [m[0], h("mark", { text: m[1] }), m[2]] : [item.text[lang].length > 220 ? `${item.text[lang].slice(0, 220)}…` : item.text[lang]];
    const unofficial = item.translation[lang] === "unofficial" ? h("span", { class: "badge unofficial", text: t("status").unofficial }) : null;
    return h("p", { class: "hit", lang, dir: "auto" }, h("span", { class: "lang", text: `${lang} ` }), ...body, " ", unofficial);
  });
  return h("li", { class: "result", dataset: { item: item.id } },
    h("div", { class: "head" }, h("strong", { class: "id", text: item.id }),
      h("span", { class: "src", text: ` ${source ? pick(source.short) : item.source}, ${ref}` }),
      used ? h("span", { class: "badge used", text: t("inUse") }) : null),
    ...texts,
    h("div", { class: "add" }, h("label", {}, h("span", { text: `${t("addTo")} ` }), target),
      h("button", { type: "button", "aria-label": t("addItem", item.id), text: t("add"), dataset: { focus: `add-item:${item.id}` },
        onclick: () => add(item, target.value) })));
}

export async function search() {
  const params = new URLSearchParams();
  const q = document.getElementById("q").value.trim();
  if (q) params.set("q", q);
  for (const [key, id] of [["section", "f-section"], ["source", "f-source"], ["theme", "f-theme"], ["kind", "f-kind"]]) {
    const v = document.getElementById(id).value;
    if (v) params.set(key, v);
  }
  params.set("framework", framework().key);
  const mine = ++asked;
  const answer = await getJSON(`/api/library?${params}`);
  if (mine !== asked) return; // a newer search is on its way
  document.getElementById("results-count").textContent = t("results", answer.count);
  const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.focus : null;
  clear(document.getElementById("results")).append(...answer.items.slice(0, SHOWN).map(result));
  if (focused && focused.startsWith("add-item:")) {
    const again = document.querySelector(`[data-focus="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  }
}

export function wireLibrary() {
  document.getElementById("search-form").addEventListener("submit", (e) => { e.preventDefault(); search(); });
  document.getElementById("q").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 120); });
  for (const id of ["f-section", "f-source", "f-theme", "f-kind"]) document.getElementById(id).addEventListener("change", search);
}

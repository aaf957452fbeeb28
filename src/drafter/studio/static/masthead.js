// The masthead form: every `submission` key the spec table lists (GET /api/meta's
// `submission`: kind, choices, default, from spec/fields.py), in the table's order, plus the
// framework and the options the page offers. Per-language keys (`lang_text`) get one box per
// language of the submission; choices come from the server, only their labels from i18n.js.
import { clear, h } from "./dom.js";
import { S, langName, langs, setText, submission, t, textOf } from "./state.js";

// Which form uses which key: the others are shown only while the spec still has a value there
// (so the server's warning about it has a field to sit beside).
const SHOWN_FOR = { addressee: ["letter", "note-verbale"], signatory: ["letter"] };
const MULTILINE = new Set(["signatory"]); // name, then title lines

function field(path, label, control) {
  control.setAttribute("aria-label", label); // the name is the label alone, not the label and the chosen option
  return h("div", { class: "field", dataset: { path } }, h("label", {}, h("span", { text: label }), control));
}

function select(path, label, value, options, onchange, focus) {
  const known = options.some(([v]) => v === value);
  const all = known ? options : [...options, [value, value]]; // an unknown value stays visible, with its problem
  const el = h("select", { dataset: { focus }, onchange: (e) => onchange(e.target.value) },
    all.map(([v, text]) => h("option", { value: v, selected: v === value, text })));
  return field(path, label, el);
}

function langText(key) {
  const sub = submission();
  return h("div", { class: "pair" }, langs().map((lang) => {
    const tag = MULTILINE.has(key) ? "textarea" : "input";
    const control = h(tag, {
      lang, dir: "auto", value: textOf(sub[key], lang) ?? "", dataset: { focus: `m:${key}:${lang}` },
      ...(tag === "input" ? { type: "text" } : { rows: 2 }),
      oninput: (e) => { setText(sub, key, lang, e.target.value === "" ? null : e.target.value); S.onChange(false); },
    });
    return field(`submission.${key}`, `${t("fields")[key] ?? key} (${langName(lang)})`, control);
  }));
}

function plainText(key, attrs = {}) {
  const sub = submission();
  return field(`submission.${key}`, t("fields")[key] ?? key, h("input", {
    type: "text", value: typeof sub[key] === "string" ? sub[key] : sub[key] == null ? "" : String(sub[key]),
    dataset: { focus: `m:${key}` }, ...attrs,
    oninput: (e) => { if (e.target.value) sub[key] = e.target.value; else delete sub[key]; S.onChange(false); },
  }));
}

// Every "one or two languages" choice: each language alone, then each ordered pair.
function languageChoices() {
  const all = S.meta.languages;
  const out = all.map((a) => [a, t("langsOnly", langName(a))]);
  for (const a of all) for (const b of all) if (a !== b) out.push([`${a},${b}`, t("langsPair", langName(a), langName(b))]);
  const pairs = out.filter(([v]) => v.includes(","));
  return [...pairs.filter(([v]) => v === "en,zh" || v === "zh,en"), ...out.filter(([v]) => !v.includes(",")),
    ...pairs.filter(([v]) => v !== "en,zh" && v !== "zh,en")];
}

function choice(key, spec) {
  const sub = submission();
  const labels = t("choices")[key] || {};
  const named = (v) => labels[v] ?? (S.meta.languages.includes(v) ? langName(v) : v);
  const options = spec.choices.map((v) => [v, named(v)]);
  const structural = key === "form"; // which keys are shown depends on the form
  if (spec.default === null) options.unshift(["", t("none")]);
  const value = sub[key] == null ? spec.default ?? "" : String(sub[key]);
  return select(`submission.${key}`, t("fields")[key] ?? key, value, options, (v) => {
    if (v === "" || (v === spec.default && sub[key] === undefined)) delete sub[key];
    else sub[key] = v;
    S.onChange(structural);
  }, `m:${key}`);
}

function submissionField(spec) {
  const sub = submission();
  const key = spec.name;
  if (SHOWN_FOR[key] && !SHOWN_FOR[key].includes(sub.form ?? "contribution") && sub[key] === undefined) return null;
  if (spec.kind === "lang_text") return langText(key);
  if (spec.kind === "choice") return choice(key, spec);
  if (spec.kind === "date") return plainText(key, { inputmode: "numeric", placeholder: "2023-04-28" });
  if (spec.kind === "text") return plainText(key, { placeholder: key === "symbol" ? "A/79/123" : "" });
  if (spec.kind === "languages") {
    return select("submission.languages", t("fields").languages, langs().join(","), languageChoices(),
      (v) => { sub.languages = v.split(","); S.onChange(true); }, "m:languages");
  }
  return null;
}

function frameworkField() {
  const current = S.spec.framework ?? S.meta.frameworks[0].key;
  const options = S.meta.frameworks.map((f) => [f.key, `${f.key} — ${f.title[S.ui] ?? f.title.en ?? f.key}`]);
  return select("framework", t("framework"), current, options, (v) => { S.spec.framework = v; S.onChange(true); },
    "m:framework");
}

// A spec that is not on disk yet starts as a contribution, a letter or a note verbale
// (`drafter init --form`): POST /api/spec/start gives that starter.
function starterField(onStart) {
  if (S.exists) return null;
  const labels = t("choices").form;
  return select("starter", t("startAs"), S.starter, S.meta.forms.map((v) => [v, labels[v] ?? v]), onStart,
    "m:starter");
}

export function renderMasthead(onStart) {
  const box = clear(document.getElementById("masthead"));
  box.append(h("legend", { text: t("masthead") }));
  const starter = starterField(onStart);
  if (starter) box.append(starter);
  box.append(frameworkField());
  for (const spec of S.meta.submission) {
    const el = submissionField(spec);
    if (el) box.append(el);
  }
  const options = () => (S.spec.options && typeof S.spec.options === "object" ? S.spec.options : (S.spec.options = {}));
  box.append(select("options.provenance", t("provenance"), (S.spec.options || {}).provenance ?? "annex",
    S.meta.provenance.map((v) => [v, t("provenances")[v] ?? v]),
    (v) => { options().provenance = v; S.onChange(false); }, "m:provenance"));
  box.append(h("div", { class: "field", dataset: { path: "options.mark_edits" } }, h("label", { class: "check" },
    h("input", { type: "checkbox", checked: (S.spec.options || {}).mark_edits !== false, dataset: { focus: "m:marks" },
      onchange: (e) => { options().mark_edits = e.target.checked; S.onChange(false); } }),
    h("span", { text: t("markEdits") }))));
}

// The page's state: the spec as plain data (what GET /api/spec gave, changed in place), the
// library, the last answers of the server (problems, stats), and the spec helpers every part
// of the page shares. The spec is sent to the server as JSON, which is YAML.
import { UI } from "./i18n.js";

export const S = {
  meta: null,
  items: new Map(), // id -> library item (JSON of `drafter library show --format json`)
  spec: null,
  version: null,
  file: "",
  exists: true, // whether the spec file is on disk (a new one can start from a starter)
  starter: "contribution",
  ui: "en",
  stats: null,
  problems: [],
  problemsInFile: false, // the problems are located in the spec file (load, save), not in posted JSON
  dirty: false,
  open: new WeakSet(), // entries whose editor is open
  uids: new WeakMap(), // entry -> stable id for focus and labels
  onChange: () => {},
};

let counter = 0;
export function uidOf(entry) {
  if (!S.uids.has(entry)) S.uids.set(entry, `e${++counter}`);
  return S.uids.get(entry);
}

export function t(key, ...args) {
  const value = UI[S.ui][key] ?? UI.en[key];
  return typeof value === "function" ? value(...args) : value;
}

export function pick(text, lang = S.ui) {
  if (!text) return "";
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? "";
}

export function framework() {
  const key = (S.spec && S.spec.framework) || "gdc-2023";
  return S.meta.frameworks.find((f) => f.key === key) || S.meta.frameworks[0];
}

export function submission() {
  if (!S.spec.submission || typeof S.spec.submission !== "object") S.spec.submission = {};
  return S.spec.submission;
}

export function langs() {
  const raw = submission().languages;
  const list = Array.isArray(raw) ? raw.filter((x) => S.meta.languages.includes(x)) : [];
  return list.length ? list : ["en"];
}

// A language's name in the interface language (the names the documents print: GET /api/meta).
export function langName(lang) {
  const names = S.meta.language_names[lang];
  return names ? names[S.ui] ?? names.en : lang;
}

// A `{en: …, zh: …}` value; a plain string stands for the only language of the submission.
export function textOf(value, lang) {
  if (typeof value === "string") return lang === langs()[0] ? value : undefined;
  if (value && typeof value === "object") return value[lang];
  return undefined;
}

export function setText(obj, key, lang, text) {
  let value = obj[key];
  if (typeof value === "string") value = { [langs()[0]]: value };
  if (!value || typeof value !== "object") value = {};
  if (text === null) delete value[lang];
  else value[lang] = text;
  if (Object.keys(value).length) obj[key] = value;
  else delete obj[key];
}

// The list of entries at a part path: "preamble", "closing" or "themes.<key>.<section>".
export function listAt(path, create = false) {
  const parts = path.split(".");
  if (parts.length === 1) {
    if (!Array.isArray(S.spec[path])) {
      if (!create) return [];
      S.spec[path] = [];
    }
    return S.spec[path];
  }
  const [, theme, section] = parts;
  if (!S.spec.themes || typeof S.spec.themes !== "object") {
    if (!create) return [];
    S.spec.themes = {};
  }
  let body = S.spec.themes[theme];
  if (!body || typeof body !== "object") {
    if (!create) return [];
    body = S.spec.themes[theme] = {};
  }
  if (!Array.isArray(body[section])) {
    if (!create) return [];
    body[section] = [];
  }
  return body[section];
}

// Remove what an edit left empty: an empty list, a theme with nothing in it, empty themes.
export function prune(path) {
  const parts = path.split(".");
  if (parts.length === 1) {
    if (Array.isArray(S.spec[path]) && !S.spec[path].length) delete S.spec[path];
    return;
  }
  const [, theme, section] = parts;
  const body = S.spec.themes && S.spec.themes[theme];
  if (!body) return;
  if (Array.isArray(body[section]) && !body[section].length) delete body[section];
  if (!Object.keys(body).length) delete S.spec.themes[theme];
  if (!Object.keys(S.spec.themes).length) delete S.spec.themes;
}

export function where(path) {
  if (path === "preamble" || path === "closing") return t(path);
  const [, theme, section] = path.split(".");
  const fw = framework();
  const th = fw.themes.find((x) => x.key === theme);
  const sec = fw.sections.find((x) => x.key === section);
  return `${th ? `${th.number}. ${pick(th.title)}` : theme} › ${sec ? pick(sec.title) : section}`;
}

export function targets() {
  const fw = framework();
  const out = [{ path: "preamble", label: t("preamble") }];
  for (const th of fw.themes) for (const sec of fw.sections) out.push({ path: `themes.${th.key}.${sec.key}`, label: where(`themes.${th.key}.${sec.key}`) });
  out.push({ path: "closing", label: t("closing") });
  return out;
}

export function usedIds() {
  const ids = new Set();
  const scan = (list) => Array.isArray(list) && list.forEach((e) => e && typeof e.use === "string" && ids.add(e.use));
  scan(S.spec.preamble);
  scan(S.spec.closing);
  for (const body of Object.values(S.spec.themes || {})) {
    if (body && typeof body === "object") Object.values(body).forEach(scan);
  }
  return ids;
}

export function specText() {
  return JSON.stringify(S.spec, null, 1);
}

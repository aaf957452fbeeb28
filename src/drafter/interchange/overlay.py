"""What `drafter import FILE.xlf` writes: the overlay (a user library) and the companion spec.

The overlay holds the translations of library items as issue 14's `versions:` (docs/library.md),
citing one `sources:` entry for the XLIFF file; the companion spec `SPEC.LANG.yaml` is the spec
as resolved (its `include:`s spelled out), with LANG added to its languages, the translations of
its own text, and the overlay in its `libraries:`. Both are checked by drafter's own loaders
before anything is written.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from msgspec import Struct, field

from drafter.document.model import EDITED, Paragraph, Submission
from drafter.drafts.model import Imported
from drafter.errors import DrafterError, Location, Problem
from drafter.interchange.segments import own_ids
from drafter.library.model import Library
from drafter.spec.model import Spec


class Plan(Struct):
    """What importing one translated XLIFF file needs: the file, the spec it was exported from, its versions."""

    xliff: Path
    spec_path: Path
    spec: Spec
    library: Library
    lang: str
    src: str
    versions: dict[str, str] = field(default_factory=dict)  # item id -> translation
    own: dict[str, str] = field(default_factory=dict)  # unit id -> translation
    notes: list[Problem] = field(default_factory=list)

    @property
    def source_key(self) -> str:
        stem = re.sub(r"[^a-z0-9]+", "-", self.xliff.stem.lower()).strip("-") or "file"
        return f"xliff-{stem}-{self.lang}"


def _dump(data: dict[str, Any], comment: str) -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return f"# {comment}\n{body}"


def overlay_yaml(plan: Plan) -> str:
    """The user library that supplies the translated versions (`versions:`), as YAML."""
    key = plan.source_key
    versions = [
        {"of": item, "lang": plan.lang, "text": text, "source": {"doc": key, "ref": {plan.lang: item}}}
        for item, text in plan.versions.items()
    ]
    data: dict[str, Any] = {
        "sources": {key: {"title": {"en": f"Translation into {plan.lang} ({plan.xliff.name})"},
                          "languages": [plan.lang], "original": plan.src}},
        "versions": versions,
    }
    return _dump(data, f"drafter user library: translations imported from {plan.xliff.name} (drafter import)")


def _paragraph(uid: str, para: Paragraph, plan: Plan) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if para.item_id is not None:
        out["use"] = para.item_id
    text = {lang: v.text for lang, v in para.versions.items() if para.item_id is None or v.status == EDITED}
    if uid in plan.own and (para.item_id is None or text):
        text[plan.lang] = plan.own[uid]
    if text:
        out["text"] = text
    if para.attribution:
        out["attributed"] = True
    return out


def _meta(sub: Submission, plan: Plan) -> dict[str, Any]:
    m = sub.meta
    sub_map: dict[str, Any] = {}
    for key, text in (("title", m.title), ("subtitle", m.subtitle), ("submitter", m.submitter)):
        if text:
            sub_map[key] = {**text, **({plan.lang: plan.own[key]} if key in plan.own else {})}
    if m.date:
        sub_map["date"] = m.date
    langs = [*m.languages, *([plan.lang] if plan.lang not in m.languages else [])]
    sub_map["languages"] = langs
    sub_map["layout"] = "parallel" if m.layout == "single" else m.layout
    if m.governing:
        sub_map["governing"] = m.governing
    return sub_map


def spec_data(sub: Submission, plan: Plan, folder: Path, overlay_name: str) -> dict[str, Any]:
    """The spec that uses the translated versions, as plain data for YAML."""
    import os

    ids = dict((id(p), uid) for uid, p in own_ids(sub))
    libs = [os.path.relpath(Path(x).resolve(), folder.resolve()) for x in plan.spec.libraries]
    data: dict[str, Any] = {"drafter": 1, "framework": sub.meta.framework, "submission": _meta(sub, plan)}
    data["libraries"] = [*libs, overlay_name]
    if sub.preamble:
        data["preamble"] = [_paragraph(ids[id(p)], p, plan) for p in sub.preamble]
    data["themes"] = {t.key: {s.key: [_paragraph(ids[id(p)], p, plan) for p in s.paragraphs] for s in t.sections}
                      for t in sub.themes}
    if sub.closing:
        data["closing"] = [_paragraph(ids[id(p)], p, plan) for p in sub.closing]
    options: dict[str, Any] = {"provenance": sub.options.provenance, "mark_edits": sub.options.mark_edits}
    if sub.options.reference_doc:
        options["reference_doc"] = os.path.relpath(Path(sub.options.reference_doc).resolve(), folder.resolve())
    data["options"] = options
    return data


def _relocate(exc: DrafterError, tmp: Path, folder: Path) -> DrafterError:
    """Errors found in the files checked in a scratch folder, named as they will be written."""
    def fix(loc: Location) -> Location:
        return Location(loc.file.replace(str(tmp), str(folder)), loc.line, loc.col, loc.cell)

    return DrafterError([Problem(fix(p.location), p.message, p.path, p.hint, p.severity) for p in exc.problems])


def build(plan: Plan, relpath: Callable[[str, str], str]) -> Imported:
    """The overlay text, and the companion spec built (and checked) once the output is known."""
    from drafter.document.resolve import resolve

    sub = resolve(plan.spec, plan.library)
    overlay = overlay_yaml(plan)

    def companions(output: Path) -> tuple[tuple[Path, bytes], ...]:
        from drafter.spec.load import load_spec

        folder = output.parent
        name = f"{plan.spec_path.stem}.{plan.lang}.yaml"
        text = _dump(spec_data(sub, plan, folder, output.name),
                     f"{plan.spec_path.name} with {plan.lang} from {plan.xliff.name} (drafter import)")
        with tempfile.TemporaryDirectory() as tmp:
            # the scratch copies sit where the libraries' relative paths still resolve
            scratch = Path(tmp)
            (scratch / output.name).write_text(overlay, encoding="utf-8")
            fixed = yaml.safe_load(text)
            fixed["libraries"] = [str((folder / x).resolve()) for x in fixed["libraries"][:-1]] + [output.name]
            if "reference_doc" in fixed.get("options", {}):
                fixed["options"]["reference_doc"] = str((folder / fixed["options"]["reference_doc"]).resolve())
            (scratch / name).write_text(_dump(fixed, "check"), encoding="utf-8")
            try:
                load_spec(scratch / name)
            except DrafterError as exc:
                raise _relocate(exc, scratch, folder) from None
        return ((folder / name, text.encode("utf-8")),)

    count = len(plan.versions)
    summary = (f"{count} item translation{'s' * (count != 1)} into {plan.lang}, "
               f"{len(plan.own)} of the submission's own text")
    return Imported(overlay, tuple(plan.notes), summary, companions)

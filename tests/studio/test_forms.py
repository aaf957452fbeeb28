"""The masthead keys of issue 13 through the studio's API: the choices the page is offered,
saving each key with the user's comments kept, the preview of each form, located problems,
and a new spec starting as a letter or note verbale (as `drafter init --form`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from drafter.library.model import LANGUAGES
from drafter.spec.fields import FORMS, SUBMISSION
from drafter.spec.load import load_spec
from tests.studio.conftest import ORIGIN, TOKEN, make_client

COMMENTS = ("# Our delegation's draft for the GDC: the user's own comment", "# side by side, as the capital asked",
            "# quoted as agreed")
SIGNATORY = {"en": "A. N. Example\nAmbassador, Permanent Representative", "zh": "阿·恩·示例\n大使、常驻代表"}
FIELDS = {
    "form": ("letter", "letter"),
    "symbol": ("A/79/123", "A/79/123"),
    "original_language": ("zh", "zh"),
    "agenda_item": ({"en": "Agenda item 13", "zh": "议程项目13"}, {"en": "Agenda item 13", "zh": "议程项目13"}),
    "addressee": ({"en": "President of the General Assembly", "zh": "大会主席"},
                  {"en": "President of the General Assembly", "zh": "大会主席"}),
    "signatory": (SIGNATORY, SIGNATORY),
}


def _spec(client) -> tuple[dict, str]:
    current = client.get("/api/spec").json()
    return current["data"], current["version"]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_meta_describes_the_masthead_keys_from_the_spec_table(client):
    meta = client.get("/api/meta").json()
    assert meta["forms"] == list(FORMS)
    assert [k["name"] for k in meta["submission"]] == list(SUBMISSION.names)
    by_name = {k["name"]: k for k in meta["submission"]}
    assert by_name["form"]["choices"] == ["contribution", "letter", "note-verbale"]
    assert by_name["form"]["default"] == "contribution"
    assert by_name["symbol"]["kind"] == "text" and by_name["signatory"]["kind"] == "lang_text"
    assert by_name["original_language"]["choices"] == list(LANGUAGES)
    assert meta["languages"] == list(LANGUAGES) and len(LANGUAGES) == 6  # the six UN languages
    assert meta["language_names"]["fr"]["en"] == "French" and meta["language_names"]["ar"]["zh"] == "阿拉伯文"
    assert set(meta["language_names"]) == set(LANGUAGES)


@pytest.mark.parametrize("key", list(FIELDS))
def test_saving_each_masthead_key_keeps_the_comments(client, spec_file: Path, key):
    data, version = _spec(client)
    sent, loaded = FIELDS[key]
    data["submission"][key] = sent
    answer = client.put("/api/spec", content=json.dumps(data), headers={"If-Match": f'"{version}"'})
    assert answer.status_code == 200, answer.text
    saved = spec_file.read_text(encoding="utf-8")
    for comment in COMMENTS:
        assert comment in saved
    assert client.get("/api/spec").json()["data"]["submission"][key] == loaded
    spec, _ = load_spec(spec_file)
    value = getattr(spec, key)
    assert (dict(value) if isinstance(loaded, dict) else value) == loaded


def test_a_saved_value_that_is_unchanged_is_not_rewritten(client, spec_file: Path):
    data, version = _spec(client)
    data["submission"]["symbol"] = "A/79/123"
    client.put("/api/spec", content=json.dumps(data), headers={"If-Match": f'"{version}"'})
    spec_file.write_text(spec_file.read_text(encoding="utf-8").replace(
        "symbol: A/79/123", "symbol: 'A/79/123'   # from the Secretariat"), encoding="utf-8")
    data, version = _spec(client)
    data["submission"]["form"] = "note-verbale"
    assert client.put("/api/spec", content=json.dumps(data), headers={"If-Match": f'"{version}"'}).status_code == 200
    saved = spec_file.read_text(encoding="utf-8")
    assert "symbol: 'A/79/123'   # from the Secretariat" in saved and "form: note-verbale" in saved


def test_the_preview_shows_the_letter_masthead_and_signature(client):
    data, _ = _spec(client)
    data["submission"].update(form="letter", symbol="A/79/123", original_language="zh", signatory=SIGNATORY)
    answer = client.post("/api/preview", content=json.dumps(data)).json()
    assert [p for p in answer["problems"] if p["severity"] == "error"] == []
    text = _text(answer["html"])
    assert "Letter dated 28 April 2023 from the Delegation of Examplestan addressed to the Secretary-General" in text
    assert "(Signed) A. N. Example" in text and "阿·恩·示例（签名）" in text
    assert "A/79/123" in text and "Original: Chinese" in text and "原文：中文" in text


def test_a_note_verbale_is_unsigned_and_says_so(client):
    data, _ = _spec(client)
    data["submission"].update(form="note-verbale", signatory=SIGNATORY)
    answer = client.post("/api/preview", content=json.dumps(data)).json()
    assert "(Signed)" not in _text(answer["html"])
    assert [p["path"] for p in answer["problems"]] == ["submission.signatory"]
    assert "unsigned" in answer["problems"][0]["message"]


def test_a_bad_symbol_is_located_in_the_file_once_saved(client, spec_file: Path):
    data, version = _spec(client)
    data["submission"]["symbol"] = "A/79/" + "1" * 90
    problems = client.post("/api/validate", content=json.dumps(data)).json()["problems"]
    assert [p["path"] for p in problems] == ["submission.symbol"]
    assert problems[0]["hint"] == "a document symbol is short, e.g. A/79/123"
    saved = client.put("/api/spec", content=json.dumps(data), headers={"If-Match": f'"{version}"'}).json()
    [problem] = saved["problems"]
    line = next(i for i, x in enumerate(spec_file.read_text(encoding="utf-8").splitlines(), 1) if "symbol:" in x)
    assert (problem["file"], problem["line"]) == ("spec.yaml", line)
    assert problem["text"].startswith(f"spec.yaml:{line}:{problem['column']}: submission.symbol: ")


def test_an_unknown_form_is_a_located_problem(client):
    data, _ = _spec(client)
    data["submission"]["form"] = "memo"
    answer = client.post("/api/render?format=docx", content=json.dumps(data))
    assert answer.status_code == 422
    [problem] = answer.json()["problems"]
    assert problem["path"] == "submission.form" and "unknown form 'memo'" in problem["message"]
    assert re.match(r"spec\.yaml:\d+:\d+: submission\.form: unknown form 'memo'", problem["text"])


@pytest.mark.parametrize("form", ["letter", "note-verbale"])
def test_a_new_spec_starts_as_a_letter_or_note_verbale(tmp_path: Path, form):
    target = tmp_path / "new.yaml"
    with make_client(target, headers={"X-Drafter-Token": TOKEN, "Origin": ORIGIN}) as client:
        assert client.get("/api/spec").json()["data"]["submission"].get("form") is None
        started = client.post(f"/api/spec/start?form={form}")
        assert started.status_code == 200, started.text
        current = started.json()
        assert current["exists"] is False and current["data"]["submission"]["form"] == form
        assert "the conventional opening: edit it, it is your text" in current["yaml"]
        assert client.get("/api/spec").json()["version"] == current["version"]
        data = current["data"]
        data["submission"]["symbol"] = "A/79/123"
        put = client.put("/api/spec", content=json.dumps(data), headers={"If-Match": f'"{current["version"]}"'})
        assert put.status_code == 200, put.text
    saved = target.read_text(encoding="utf-8")
    assert f"form: {form}" in saved and "symbol: A/79/123" in saved
    assert "# the conventional opening: edit it, it is your text" in saved
    assert load_spec(target)[0].form == form


def test_a_starter_never_replaces_an_existing_spec(client, spec_file: Path):
    before = spec_file.read_bytes()
    answer = client.post("/api/spec/start?form=letter")
    assert answer.status_code == 409
    assert "exists already" in answer.json()["problems"][0]["message"]
    assert spec_file.read_bytes() == before


def test_an_unknown_starter_form_is_a_400_with_a_hint(tmp_path: Path):
    with make_client(tmp_path / "new.yaml", headers={"X-Drafter-Token": TOKEN, "Origin": ORIGIN}) as client:
        answer = client.post("/api/spec/start?form=leter")
    assert answer.status_code == 400
    [problem] = answer.json()["problems"]
    assert problem["message"] == "unknown form 'leter'" and "letter" in problem["hint"]

"""The JSON API contract (docs/studio.md): shapes, located problems, and the CLI's own bytes."""

from __future__ import annotations

import json
import shutil

import pytest

from drafter.spec.load import load_spec
from tests.conftest import EXAMPLES


def test_meta_lists_frameworks_sources_and_choices(client):
    meta = client.get("/api/meta").json()
    assert meta["spec"] == "spec.yaml"
    fw = meta["frameworks"][0]
    assert fw["key"] == "gdc-2023"
    assert [t["key"] for t in fw["themes"]][:3] == ["cross-cutting", "connect", "fragmentation"]
    assert fw["themes"][0]["number"] == 0 and fw["themes"][1]["number"] == 1
    assert [s["key"] for s in fw["sections"]] == ["principles", "commitments"]
    assert {s["key"] for s in meta["sources"]} >= {"cn-igf", "cn-gdc"}
    assert meta["layouts"] == ["parallel", "sequential", "interleaved"]
    assert {"docx", "md", "html"} <= set(meta["formats"])


def test_library_search_shows_the_match(client):
    answer = client.get("/api/library", params={"q": "IPv6"}).json()
    ids = [i["id"] for i in answer["items"]]
    assert ids[0] == "cn-igf.connect.c1"
    before, hit, after = answer["items"][0]["match"]["en"]
    assert hit == "IPv6" and before.endswith("deployment of ") and after.startswith(" should")
    assert answer["items"][0]["match"]["zh"][1] == "IPv6"


def test_library_search_in_chinese(client):
    answer = client.get("/api/library", params={"q": "网络空间命运共同体"}).json()
    assert answer["count"] > 0
    term = "网络空间命运共同体"
    assert answer["items"][0]["match"]["zh"][1] == term
    assert all(item["match"].get("zh", [None, term])[1] == term for item in answer["items"])


def test_library_browse_filters(client):
    answer = client.get("/api/library", params={"source": "cn-igf", "theme": "data", "section": "commitments",
                                                "framework": "gdc-2023"}).json()
    assert answer["count"] > 0
    for item in answer["items"]:
        assert item["source"] == "cn-igf" and "data" in item["themes"] and item["section"] == "commitments"
    everything = client.get("/api/library").json()
    assert everything["count"] == 138


def test_library_unknown_filter_is_a_located_400(client):
    response = client.get("/api/library", params={"source": "cn-igv"})
    assert response.status_code == 400
    (problem,) = response.json()["problems"]
    assert "unknown source 'cn-igv'" in problem["message"] and "cn-igf" in problem["hint"]


def test_validate_a_good_spec(client, spec_file):
    answer = client.post("/api/validate", content=spec_file.read_bytes()).json()
    assert answer["problems"] == []
    stats = answer["stats"]
    assert stats["paragraphs"] == 1 and stats["languages"] == ["en", "zh"]
    (section,) = stats["sections"]
    assert section["path"] == "themes.connect.principles"
    assert section["units"] == {"en": "words", "zh": "characters"}
    assert section["counts"] == {"en": 15, "zh": 17}  # "The innovation … for all." / "公平促进…发展。"
    assert section["paragraphs"][0]["status"] == {"en": "source", "zh": "source"}


def test_validate_reports_located_problems(client, spec_file):
    bad = spec_file.read_text(encoding="utf-8").replace("cn-igf.connect.p1", "cn-igf.connect.p9")
    answer = client.post("/api/validate", content=bad.encode()).json()
    (problem,) = answer["problems"]
    assert set(problem) >= {"line", "column", "path", "message", "hint", "severity"}
    assert problem["line"] == 13 and problem["column"] == 14
    assert problem["path"] == "themes.connect.principles[0].use"
    assert problem["message"] == "unknown item id 'cn-igf.connect.p9'"
    assert problem["hint"].startswith("did you mean")
    assert problem["severity"] == "error"
    assert problem["text"].startswith("spec.yaml:13:14: themes.connect.principles[0].use: unknown item id")
    assert answer["stats"] is None


@pytest.mark.parametrize(("body", "expected"), [
    (b"drafter: 1\nsubmission: [\n", "YAML"),
    (b"a: &x [1]\nb: *x\n", "alias"),
    (b"drafter: !!python/object:os.system 1\n", "tag"),
    (b"\xff\xfe\x00d", "UTF-16"),
    (b"drafter: 1\ntitle: \xe9\n", "UTF-8"),
    (b"[" * 5000, "nested deeper than 48 levels"),  # drafter's own limit, whatever libyaml says
])
def test_validate_hostile_input_is_a_located_problem(client, body, expected):
    response = client.post("/api/validate", content=body)
    assert response.status_code == 200
    problems = response.json()["problems"]
    assert problems and problems[0]["line"] is not None
    assert any(expected.lower() in (p["message"] + p["hint"]).lower() for p in problems), problems


def test_json_is_accepted_as_spec_yaml(client, spec_file):
    from drafter.load.yaml import load_file

    data = load_file(spec_file).data
    answer = client.post("/api/validate", content=json.dumps(data, ensure_ascii=False).encode()).json()
    assert answer["problems"] == []


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_render_gives_exactly_the_bytes_the_cli_writes(tmp_path, fmt, runner):
    from drafter.cli import main
    from tests.studio.conftest import ORIGIN, TOKEN, make_client

    spec = tmp_path / "delegation.yaml"
    shutil.copy(EXAMPLES / "delegation.yaml", spec)
    out = tmp_path / f"cli.{fmt}"
    assert runner.invoke(main, ["render", str(spec), "--format", fmt, "-o", str(out)]).exit_code == 0
    with make_client(spec, headers={"X-Drafter-Token": TOKEN, "Origin": ORIGIN}) as c:
        response = c.post("/api/render", params={"format": fmt}, content=spec.read_bytes())
    assert response.status_code == 200
    assert response.content == out.read_bytes()
    assert f'filename="delegation.{fmt}"' in response.headers["content-disposition"]


def test_render_an_invalid_spec_is_422_with_problems(client):
    response = client.post("/api/render", params={"format": "docx"}, content=b"drafter: 2\n")
    assert response.status_code == 422
    messages = [p["message"] for p in response.json()["problems"]]
    assert any("submission" in m for m in messages)


def test_render_unknown_format_is_400(client, spec_file):
    assert client.post("/api/render", params={"format": "exe"}, content=spec_file.read_bytes()).status_code == 400


def test_preview_is_the_html_writer_with_stats_and_diffs(client, spec_file):
    text = spec_file.read_text(encoding="utf-8").replace(
        "      - use: cn-igf.connect.p1   # quoted as agreed\n",
        "      - use: cn-igf.connect.p1   # quoted as agreed\n        text: {en: \"The innovation and development"
        " of digital infrastructure should be promoted equitably and fairly for everyone.\"}\n")
    answer = client.post("/api/preview", content=text.encode()).json()
    assert [p["severity"] for p in answer["problems"]] == ["warning"]  # edited in en only
    assert answer["html"].startswith("<!DOCTYPE html>")
    assert "fairly for everyone." in answer["html"]
    row = answer["stats"]["sections"][0]["paragraphs"][0]
    assert row["status"] == {"en": "edited", "zh": "source"}
    parts = row["diff"]["en"]["parts"]
    assert ["delete", "all"] in parts and ["insert", "everyone"] in parts
    assert 0.9 < row["diff"]["en"]["similarity"] < 1


def test_get_spec_gives_text_data_and_version(client, spec_file):
    response = client.get("/api/spec")
    current = response.json()
    assert current["file"] == "spec.yaml" and current["exists"] is True
    assert current["yaml"] == spec_file.read_text(encoding="utf-8")
    assert current["data"]["themes"]["connect"]["principles"] == [{"use": "cn-igf.connect.p1"}]
    assert current["problems"] == []
    assert response.headers["etag"] == f'"{current["version"]}"'


def test_put_spec_merges_keeping_comments(client, spec_file):
    data = client.get("/api/spec").json()
    spec = data["data"]
    spec["themes"]["connect"]["commitments"] = [{"use": "cn-igf.connect.c1"}]
    spec["submission"]["layout"] = "sequential"
    response = client.put("/api/spec", content=json.dumps(spec, ensure_ascii=False).encode(),
                          headers={"If-Match": f'"{data["version"]}"'})
    assert response.status_code == 200, response.text
    text = spec_file.read_text(encoding="utf-8")
    assert text.startswith("# Our delegation's draft for the GDC")
    assert "# quoted as agreed" in text and "# side by side, as the capital asked" in text
    assert "layout: sequential" in text and "- use: cn-igf.connect.c1" in text
    loaded, _ = load_spec(spec_file)
    assert loaded.layout == "sequential"


def test_put_spec_refuses_a_stale_version(client, spec_file):
    before = spec_file.read_bytes()
    response = client.put("/api/spec", content=before, headers={"If-Match": '"0000"'})
    assert response.status_code == 412
    assert spec_file.read_bytes() == before


def test_put_spec_refuses_text_that_does_not_load(client, spec_file):
    before = spec_file.read_bytes()
    response = client.put("/api/spec", content=b"drafter: 1\nsubmission: {\n")
    assert response.status_code == 422
    assert response.json()["problems"][0]["line"] is not None
    assert spec_file.read_bytes() == before


def test_put_spec_will_not_overwrite_a_file_it_cannot_read(client, spec_file):
    spec_file.write_text("drafter: 1\nsubmission: [\n", encoding="utf-8")
    response = client.put("/api/spec", content=(EXAMPLES / "civil-society.yaml").read_bytes())
    assert response.status_code == 409
    assert spec_file.read_text(encoding="utf-8") == "drafter: 1\nsubmission: [\n"


def test_export_gives_the_merged_yaml_and_writes_nothing(client, spec_file):
    before = spec_file.read_bytes()
    spec = client.get("/api/spec").json()["data"]
    spec["submission"]["date"] = "2023-05-01"
    response = client.post("/api/spec/export", content=json.dumps(spec).encode())
    assert response.status_code == 200
    assert '"2023-05-01"' in response.text and "# quoted as agreed" in response.text
    assert spec_file.read_bytes() == before


@pytest.mark.parametrize("key", ["libraries", "reference_doc"])
def test_files_outside_the_spec_folder_are_refused(client, spec_file, key):
    outside = spec_file.parent.parent / "outside.yaml"
    outside.write_text("source: x\nitems: []\n", encoding="utf-8")
    text = spec_file.read_text(encoding="utf-8")
    if key == "libraries":
        text += "libraries: [../outside.yaml]\n"
    else:
        text = text.replace("  provenance: footnotes\n", "  provenance: footnotes\n  reference_doc: ../outside.yaml\n")
    answer = client.post("/api/validate", content=text.encode()).json()
    assert any("only in the spec's folder" in p["message"] for p in answer["problems"]), answer["problems"]
    assert client.post("/api/render", params={"format": "docx"}, content=text.encode()).status_code == 422


def test_a_new_spec_starts_from_the_starter(tmp_path):
    from tests.studio.conftest import ORIGIN, TOKEN, make_client

    with make_client(tmp_path / "fresh.yaml", headers={"X-Drafter-Token": TOKEN, "Origin": ORIGIN}) as c:
        current = c.get("/api/spec").json()
        assert current["exists"] is False
        assert [p["severity"] for p in current["problems"]] == ["warning"]  # the starter's example edit
        assert current["yaml"].startswith("# yaml-language-server")
        saved = c.put("/api/spec", content=json.dumps(current["data"]).encode())
        assert saved.status_code == 200
    assert (tmp_path / "fresh.yaml").read_text(encoding="utf-8") == current["yaml"]

"""drafter trace: statuses on drafts built with python-docx, Markdown and text, in English,
Chinese and both; the JSON contract; the table, HTML and annotated-DOCX reports."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from drafter.cli import main
from drafter.drafts import read_draft, report
from drafter.drafts.api import library_index, trace_file
from drafter.drafts.trace import trace
from drafter.library.model import Library
from tests.drafts.conftest import render_spec, variant

CONTRACT_PARAGRAPH = {"index", "lang", "text", "status", "match", "diff"}
CONTRACT_MATCH = {"id", "score", "source", "ref"}


def _english_draft(library: Library, path: Path) -> dict[int, tuple[str, str | None, str | None]]:
    """A Word file drafter did not write; returns paragraph index -> (status, id, extent) expected."""
    c1, p2, data1 = (library.get(x).text["en"] for x in ("cn-igf.connect.c1", "cn-igf.connect.p2", "cn-gdc.data.1"))
    document = docx.Document()
    document.add_paragraph("Input of the Examplestan Digital Forum", style="Title")
    document.add_paragraph("Examplestan Digital Forum")
    document.add_paragraph("1 May 2023")
    document.add_heading("Connectivity", level=1)
    document.add_paragraph(c1)  # 1 verbatim
    document.add_paragraph("4. " + c1.replace("accelerated", "sped up"))  # 2 edited, numbered by hand
    document.add_paragraph("Community networks deserve spectrum on fair terms, and we will say so at every forum.")
    bold = document.add_paragraph()
    bold.add_run("Our data positions").bold = True  # a heading made bold by hand: not reported
    document.add_paragraph(c1.split(". ")[1] + ".")  # 4 part of c1
    document.add_paragraph(c1 + " " + data1)  # 5 join
    document.add_paragraph(p2.replace("should not be", "must never be"))  # 6 edited short principle
    document.save(str(path))
    return {
        1: ("verbatim", "cn-igf.connect.c1", "whole"),
        2: ("edited", "cn-igf.connect.c1", "whole"),
        3: ("new", None, None),
        4: ("verbatim", "cn-igf.connect.c1", "part"),
        5: ("verbatim", "cn-igf.connect.c1", "join"),
        6: ("edited", "cn-igf.connect.p2", "whole"),
    }


def _check(result_json: dict, expected: dict[int, tuple[str, str | None, str | None]]) -> None:
    got = {p["index"]: (p["status"], p["match"] and p["match"]["id"], p["extent"]) for p in result_json["paragraphs"]}
    assert got == expected


def test_english_word_draft_not_written_by_drafter(library: Library, tmp_path: Path, runner) -> None:
    path = tmp_path / "forum.docx"
    expected = _english_draft(library, path)
    result = runner.invoke(main, ["trace", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    _check(data, expected)
    assert data["summary"] == {"verbatim": 3, "edited": 2, "new": 1}
    join = data["paragraphs"][4]
    assert [p["id"] for p in join["parts"]] == ["cn-igf.connect.c1", "cn-gdc.data.1"]
    edited = data["paragraphs"][1]
    assert ["delete", "accelerated"] in edited["diff"] and ["insert", "sped up"] in edited["diff"]
    assert not any("4." in text for op, text in edited["diff"] if op == "insert"), "numbering is not a change"


def test_json_contract(library: Library, tmp_path: Path, runner) -> None:
    path = tmp_path / "forum.docx"
    _english_draft(library, path)
    data = json.loads(runner.invoke(main, ["trace", str(path), "--format", "json"]).stdout)
    assert set(data) == {"file", "paragraphs", "summary"}
    assert data["file"] == str(path)
    assert set(data["summary"]) == {"verbatim", "edited", "new"}
    assert sum(data["summary"].values()) == len(data["paragraphs"])
    for i, p in enumerate(data["paragraphs"], start=1):
        assert set(p) >= CONTRACT_PARAGRAPH
        assert p["index"] == i and p["lang"] == "en" and p["status"] in data["summary"]
        if p["status"] == "new":
            assert p["match"] is None and p["diff"] == []
        else:
            assert set(p["match"]) >= CONTRACT_MATCH
            assert 0.0 <= p["match"]["score"] <= 1.0 and p["match"]["source"] == p["match"]["id"].split(".")[0]
            assert all(op in ("equal", "delete", "insert") and isinstance(t, str) for op, t in p["diff"])
            assert "".join(t for op, t in p["diff"] if op != "delete").strip()
        assert (p["status"] == "verbatim") == (p["match"] is not None and p["match"]["score"] == 1.0)


def test_chinese_text_draft(library: Library, tmp_path: Path) -> None:
    c1 = library.get("cn-igf.connect.c1").text["zh"]
    p1 = library.get("cn-igf.data.p1").text["zh"]
    lines = [
        "一、关于数字连接",
        "",
        "（一）" + c1,
        "",
        c1.replace("鼓励", "支持"),
        "",
        "我们将在每一个论坛上为社区网络争取公平的频谱。",
        "",
        c1.split("；")[1],
        "",
        p1,
    ]
    path = tmp_path / "稿.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    _, result = trace_file(path)
    got = [
        (p.match.status, p.match.pieces[0].entry.key if p.match.pieces else None, p.match.extent)
        for p in result.paragraphs
    ]
    assert got == [
        ("verbatim", "cn-igf.connect.c1", "whole"),
        ("edited", "cn-igf.connect.c1", "whole"),
        ("new", None, None),
        ("verbatim", "cn-igf.connect.c1", "part"),
        ("verbatim", "cn-igf.data.p1", "whole"),
    ]
    assert all(p.lang == "zh" for p in result.paragraphs)
    assert ("delete", "鼓励") in result.paragraphs[1].match.diff


def test_bilingual_rendered_draft_languages_decided_per_paragraph(tmp_path: Path) -> None:
    out = render_spec(variant("delegation", tmp_path), "docx")
    draft, result = trace_file(out)
    langs = {p.lang for p in result.paragraphs}
    assert langs == {"en", "zh"}
    # the example edits its closing paragraph in both languages; everything else is quoted, the
    # second preamble paragraph as an attributed quotation ("As stated by China: “…”"): drafter's
    # lead-in and quotation marks are its own marks, not a change of the source's words
    assert result.summary() == {"verbatim": 76, "edited": 2, "new": 0}
    edited = {p.match.pieces[0].entry.key for p in result.paragraphs if p.match.status == "edited"}
    assert edited == {"gdi-nonpaper.closing"}
    attributed = [p for p in result.paragraphs if p.block.text.startswith(("As stated by China", "中国表示"))]
    assert len(attributed) == 2 and all(p.match.status == "verbatim" for p in attributed)
    roles = {b.role for b in draft.blocks}
    assert {"title", "byline", "heading", "colhead", "clause"} <= roles  # recognised, not reported
    unofficial = [p for p in result.paragraphs if p.lang in result.items[p.match.pieces[0].entry.key].unofficial]
    assert unofficial and all(p.lang == "zh" for p in unofficial)


def test_markdown_draft_with_marks_and_new_text(tmp_path: Path, runner) -> None:
    out = render_spec(variant("civil-society", tmp_path), "md")
    data = json.loads(runner.invoke(main, ["trace", str(out), "--format", "json"]).stdout)
    # the heavily rewritten human-rights.c2 (about half its words) falls below the threshold: new
    assert data["summary"] == {"verbatim": 8, "edited": 1, "new": 4}
    rewritten = next(p for p in data["paragraphs"] if p["text"].startswith("5. "))
    assert rewritten["status"] == "new" and rewritten["nearest"]["id"] == "cn-igf.human-rights.c2"
    first_edit = next(p for p in data["paragraphs"] if p["status"] == "edited")
    assert first_edit["match"]["id"] == "cn-igf.connect.p2"
    assert not any("edited" in t for op, t in first_edit["diff"]), "drafter's own mark is not a change"


def test_user_library_is_searched(tmp_path: Path, runner) -> None:
    lib = tmp_path / "ngo.yaml"
    lib.write_text(
        'sources:\n  my-ngo:\n    title: {en: "Our position paper"}\n    languages: [en]\n    original: en\n'
        "source: my-ngo\nitems:\n  - id: my-ngo.connect.1\n    kind: statement\n    section: commitments\n"
        '    themes: [connect]\n    source: {doc: my-ngo, ref: {en: "para. 1"}}\n'
        '    text: {en: "Community networks should be recognised in national broadband plans."}\n',
        encoding="utf-8",
    )
    draft = tmp_path / "d.txt"
    draft.write_text("Community networks must be recognised in national broadband plans.\n", encoding="utf-8")
    data = json.loads(runner.invoke(main, ["trace", str(draft), "--format", "json", "--library", str(lib)]).stdout)
    assert data["paragraphs"][0]["status"] == "edited"
    assert data["paragraphs"][0]["match"] == {
        "id": "my-ngo.connect.1",
        "score": 0.9,
        "source": "my-ngo",
        "ref": "para. 1",
        "translation": "source",
    }
    without = json.loads(runner.invoke(main, ["trace", str(draft), "--format", "json"]).stdout)
    assert without["paragraphs"][0]["status"] == "new"


def test_table_html_and_docx_reports(library: Library, tmp_path: Path, runner) -> None:
    path = tmp_path / "forum.docx"
    _english_draft(library, path)
    draft, result = trace_file(path)
    plain, coloured = report.table(result), report.table(result, color=True)
    assert "[-accelerated-]{+sped up+}" in plain and "\x1b[" not in plain
    assert "\x1b[" in coloured and "accelerated" in coloured
    assert "6 paragraphs: 3 verbatim, 2 edited, 1 new" in plain
    page = report.report_html(result, "forum <draft>.docx")
    assert "<del>accelerated</del>" in page and "<ins>sped up</ins>" in page
    assert "forum &lt;draft&gt;.docx" in page and "<script" not in page
    out = tmp_path / "annotated.docx"
    result_cli = runner.invoke(main, ["trace", str(path), "--format", "docx", "-o", str(out)])
    assert result_cli.exit_code == 0, result_cli.output
    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == 6
    assert all(c.author == "drafter trace" for c in comments)
    assert comments[0].text.startswith("verbatim 1.00: cn-igf.connect.c1 — cn-igf,")
    assert "Changes: −accelerated +sped up" in comments[1].text
    assert comments[2].text.startswith("new")
    again = tmp_path / "again.docx"
    runner.invoke(main, ["trace", str(path), "--format", "docx", "-o", str(again)])
    assert again.read_bytes() == out.read_bytes(), "same draft, same bytes"
    html_out = tmp_path / "r.html"
    assert runner.invoke(main, ["trace", str(path), "--format", "html", "-o", str(html_out)]).exit_code == 0
    assert "<del>accelerated</del>" in html_out.read_text(encoding="utf-8")


def test_markdown_draft_annotated_as_a_new_word_file(tmp_path: Path, runner) -> None:
    out = render_spec(variant("civil-society", tmp_path), "md")
    target = tmp_path / "c.docx"
    assert runner.invoke(main, ["trace", str(out), "--format", "docx", "-o", str(target)]).exit_code == 0
    assert len(list(docx.Document(str(target)).comments)) == 13


def test_never_writes_over_the_draft(library: Library, tmp_path: Path, runner) -> None:
    path = tmp_path / "forum.docx"
    _english_draft(library, path)
    before = path.read_bytes()
    result = runner.invoke(main, ["trace", str(path), "--format", "docx", "-o", str(path)])
    assert result.exit_code == 2 and "would overwrite the input file" in result.stderr
    assert path.read_bytes() == before


def test_a_paragraph_in_another_language_is_new_with_a_warning(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text(
        library.get("cn-igf.connect.p2").text["en"] + "\n\nLes États doivent coopérer pour réduire "
        "la fracture numérique dans le monde entier.\n",
        encoding="utf-8",
    )
    result = trace(read_draft(path), library_index())
    assert [(p.lang, p.match.status) for p in result.paragraphs] == [("en", "verbatim"), ("fr", "new")]
    assert "French" in result.warnings[0].message


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_search_like(fmt: str, runner) -> None:
    result = runner.invoke(main, ["library", "search", "--like", "The deployment of IPv6 should be sped up"])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert "cn-igf.connect.c1 (part)" in first
    assert "sped up+}" in result.stdout.splitlines()[1]
    zh = runner.invoke(main, ["library", "search", "--like", "支持IPv6加快部署", "--limit", "1"])
    assert "1.00  cn-igf.connect.c1 (part)" in zh.stdout


def test_search_like_file_and_refusals(tmp_path: Path, runner) -> None:
    f = tmp_path / "s.txt"
    f.write_text("语言不应成为人们连接互联网的阻碍因素。", encoding="utf-8")
    result = runner.invoke(main, ["library", "search", "--like-file", str(f), "--limit", "2"])
    assert result.exit_code == 0 and "1.00  cn-igf.connect.p2" in result.stdout
    bad = runner.invoke(main, ["library", "search", "--like", "Les États doivent coopérer pour la paix"])
    assert bad.exit_code == 2 and "French" in bad.stderr and "Traceback" not in bad.stderr
    both = runner.invoke(main, ["library", "search", "IPv6", "--like", "IPv6"])
    assert both.exit_code == 2

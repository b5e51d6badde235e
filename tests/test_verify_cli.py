"""`extractor verify` re-verifies a saved result, or another tool's report in the same schema."""

import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app

runner = CliRunner()
ARTICLE = """title: Drone strike on militia convoy
published: 2024-02-07

A drone struck a convoy near Al-Bukamal on Tuesday, killing four fighters, a local monitor said.
Kataib Hezbollah said two of its members died and blamed the United States.
A U.S. official said Iran had supplied the convoy's rockets.
"""


def write(tmp_path: Path, report: dict) -> tuple[Path, Path]:
    article, result = tmp_path / "a.txt", tmp_path / "report.json"
    article.write_text(ARTICLE)
    result.write_text(json.dumps(report))
    return article, result


def test_bare_report_from_another_tool_with_quotes_is_grounded_and_flagged(tmp_path: Path) -> None:
    report = {
        "events": [{"sub_event_type": "Air/drone strike", "date_text": "on Tuesday", "fatalities": 4,
                    "casualty_source": "a local monitor", "evidence": []}],
        "actors": [],
        "claims": [
            {"statement": "Iran supplied the convoy's rockets", "kind": "state_involvement",
             "claimant": "a U.S. official", "cue": "said",
             "spans": [{"text": "A U.S. official said Iran had supplied the convoys rockets"}]},
            {"statement": "two members died", "kind": "casualties", "claimant": "Kataib Hezbollah", "cue": "said",
             "spans": [{"text": "Kataib Hezbollah said two of its members died"}]},
        ],
    }  # fmt: skip
    article, result = write(tmp_path, report)
    out = runner.invoke(app, ["verify", str(result), "--text", str(article)])
    assert out.exit_code == 0, out.output
    verified = json.loads(out.output)
    state, deaths = verified["report"]["claims"]
    assert state["spans"][0]["status"] == "fuzzy"  # the missing apostrophe
    assert {"anonymous_source", "state_involvement_unsupported"} <= {f["code"] for f in state["flags"]}
    assert deaths["spans"][0]["status"] == "exact" and "casualty_figure_from_party" in {
        f["code"] for f in deaths["flags"]
    }
    assert verified["report"]["events"][0]["date"] == "2024-02-06"
    assert verified["meta"]["verifier"]


def test_invalid_report_names_the_field_and_exits_2(tmp_path: Path) -> None:
    article, result = write(tmp_path, {"events": [], "actors": [], "claims": [{"statement": "x"}]})
    out = runner.invoke(app, ["verify", str(result), "--text", str(article)])
    assert out.exit_code == 2
    assert "claims.0" in out.output and "fix" in out.output


def test_show_renders_flagged_claims_first(tmp_path: Path) -> None:
    report = {"events": [], "actors": [], "claims": [
        {"statement": "a monitor counted four dead", "kind": "casualties", "claimant": "a local monitor", "cue": "said",
         "evidence": [1]},
        {"statement": "Iran supplied the rockets", "kind": "state_involvement", "claimant": "a U.S. official",
         "cue": "said", "evidence": [3]},
    ]}  # fmt: skip
    article, result = write(tmp_path, report)
    verified = runner.invoke(app, ["verify", str(result), "--text", str(article)])
    saved = tmp_path / "verified.json"
    saved.write_text(verified.output)
    table = runner.invoke(app, ["show", str(saved)], terminal_width=220)
    assert table.exit_code == 0
    assert table.output.index("Iran supplied") < table.output.index("four dead")
    assert "state_involvement_unsupported" in table.output


def test_weights_file_sets_confidence_and_a_bad_one_exits_2(tmp_path: Path) -> None:
    from extractor.verification.confidence import dump_weights, load_weights

    claim = {"statement": "two members died", "kind": "casualties", "claimant": "Kataib Hezbollah", "cue": "said",
             "spans": [{"text": "Kataib Hezbollah said two of its members died"}]}  # fmt: skip
    article, result = write(tmp_path, {"events": [], "actors": [], "claims": [claim]})
    flat = tmp_path / "flat.toml"  # every signal off: confidence is the base whatever is flagged
    shipped = load_weights()
    flat.write_text(dump_weights(shipped.__class__(0.5, 0.0, 1.0, dict.fromkeys(shipped.adjust, 0.0))))
    command = ["verify", str(result), "--text", str(article)]
    default = json.loads(runner.invoke(app, command).output)["report"]["claims"][0]
    custom = json.loads(runner.invoke(app, [*command, "--weights", str(flat)]).output)["report"]["claims"][0]
    assert default["flags"] == custom["flags"] and default["flags"]  # weights change confidence, never flags
    assert custom["confidence"] == 0.5 != default["confidence"]
    bad = runner.invoke(app, ["verify", str(result), "--text", str(article), "--weights", str(tmp_path / "no.toml")])
    assert bad.exit_code == 2 and "no.toml" in bad.output


def test_the_command_and_the_library_verify_alike_repairs_on_unless_told(tmp_path: Path) -> None:
    import datetime as dt

    from extractor import verify
    from extractor.schemas.conflict import ConflictReport

    claim = {"statement": "two members died", "kind": "casualties", "claimant": "Kataib Hezbollah", "cue": "said",
             "evidence": [2]}  # fmt: skip
    raw = {"events": [], "actors": [], "claims": [claim, dict(claim)]}  # a duplicate claim: a repair drops it
    article, result = write(tmp_path, raw)
    published = dt.date(2024, 2, 7)
    for extra, repair in (([], True), (["--no-repair"], False)):
        out = runner.invoke(app, ["verify", str(result), "--text", str(article), *extra])
        assert out.exit_code == 0, out.output
        by_command = json.loads(out.output)["report"]
        text = ARTICLE.split("\n\n", 1)[1]
        by_library = verify(ConflictReport.model_validate(raw), text, published=published, repair=repair)
        assert by_command == by_library.model_dump(mode="json")
        assert len(by_command["claims"]) == (1 if repair else 2)

"""Loading the gold set: a valid folder loads; each broken file is named with the problem and the fix."""

import json
from pathlib import Path

import pytest
from evalfixtures import analysis_gold, strike_gold, write_gold_folder

from extractor.evaluation.gold import GoldError, load_gold


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_gold_folder(tmp_path / "gold", [strike_gold(), analysis_gold()])


def edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_folder_loads_with_offsets_into_the_parsed_body(folder: Path) -> None:
    gold = load_gold(folder)
    assert [g.id for g in gold] == ["g001", "g002"]
    strike = gold[0]
    assert strike.article.id == "g001" and strike.article.title == "Drone strike hits depot"
    assert str(strike.article.published) == "2024-03-08"
    assert not strike.article.text.startswith("title:")  # headers are not part of the body
    span = strike.claims[3].evidence[0]
    assert strike.article.text[span.char_start : span.char_end] == span.text
    assert strike.events[0].event_type == "Explosions/Remote violence"
    assert strike.claims[1].reasons == ["casualty_figure_from_party", "casualty_figure_disputed"]


def test_split_filter_and_single_file(folder: Path) -> None:
    assert [g.id for g in load_gold(folder, "dev")] == ["g001"]
    assert [g.id for g in load_gold(folder, "test")] == ["g002"]
    assert len(load_gold(folder, "all")) == 2
    assert [g.id for g in load_gold(folder / "g002.gold.json")] == ["g002"]
    with pytest.raises(GoldError, match="unknown split 'train'"):
        load_gold(folder, "train")


def test_missing_article_names_the_file_and_the_fix(folder: Path) -> None:
    (folder / "g002.txt").unlink()
    with pytest.raises(GoldError) as info:
        load_gold(folder)
    message = str(info.value)
    assert "g002.gold.json" in message and "g002.txt" in message and "Fix:" in message


def test_wrong_format_version(folder: Path) -> None:
    edit(folder / "g001.gold.json", lambda d: d.update(format="extractor-gold/0"))
    with pytest.raises(GoldError, match=r"g001\.gold\.json: format is 'extractor-gold/0'.*extractor-gold/1"):
        load_gold(folder)


def test_span_text_differing_from_the_body_names_claim_and_offsets(folder: Path) -> None:
    def shift(data: dict) -> None:
        data["claims"][0]["evidence"][0]["char_start"] += 2
        data["claims"][0]["evidence"][0]["char_end"] += 2

    edit(folder / "g001.gold.json", shift)
    with pytest.raises(GoldError) as info:
        load_gold(folder)
    message = str(info.value)
    assert "g001.gold.json" in message and "claims.0.evidence.0" in message
    correct = strike_gold().claims[0].evidence[0]
    assert f"occurs at {correct.char_start}:{correct.char_end}" in message  # the fix says where it is


def test_unknown_literal_values_name_the_field(folder: Path) -> None:
    edit(folder / "g001.gold.json", lambda d: d["claims"][2].update(kind="blame"))
    with pytest.raises(GoldError) as info:
        load_gold(folder)
    assert "g001.gold.json" in str(info.value) and "claims.2.kind" in str(info.value)
    assert "'responsibility'" in str(info.value)  # the allowed values are listed


def test_model_only_reason_and_typos_are_rejected(folder: Path) -> None:
    edit(folder / "g001.gold.json", lambda d: d["claims"][1]["reasons"].append("model_disagreement"))
    with pytest.raises(GoldError, match=r"claims\.1\.reasons\.2"):
        load_gold(folder)
    write_gold_folder(folder, [strike_gold()])
    edit(folder / "g001.gold.json", lambda d: d["claims"][0].update(should_flagg=True))
    with pytest.raises(GoldError, match=r"claims\.0\.should_flagg: unknown field"):
        load_gold(folder)


def test_inconsistent_labels_are_rejected(folder: Path) -> None:
    edit(folder / "g001.gold.json", lambda d: d["events"][0].update(event_type="Battles"))
    with pytest.raises(GoldError, match="not the parent of 'Air/drone strike'"):
        load_gold(folder)
    write_gold_folder(folder, [strike_gold()])
    edit(folder / "g001.gold.json", lambda d: d["claims"][0].update(reasons=["anonymous_source"]))
    with pytest.raises(GoldError, match="should_flag is false"):
        load_gold(folder)
    write_gold_folder(folder, [strike_gold()])
    edit(folder / "g001.gold.json", lambda d: d.update(id="g999"))
    with pytest.raises(GoldError, match="differs from the file name"):
        load_gold(folder)


def test_empty_or_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match=r"contains no \.gold\.json files"):
        load_gold(tmp_path)
    with pytest.raises(GoldError, match="no such file or folder"):
        load_gold(tmp_path / "nope")

"""The price table: lookup by exact name, then longest prefix; the local model is free; bad files are named."""

from pathlib import Path

import pytest

from extractor.evaluation.prices import Price, PriceError, cost_usd, load_prices, price_for

REPO_PRICES = Path(__file__).resolve().parents[2] / "eval" / "prices.toml"


def test_shipped_table_has_the_common_models_and_a_free_local_one() -> None:
    prices = load_prices(REPO_PRICES)
    assert {"gpt-4o-mini", "gpt-4o", "qwen2.5-coder-1.5b-instruct"} <= set(prices)
    assert prices["qwen2.5-coder-1.5b-instruct"] == Price(0.0, 0.0)
    assert prices["gpt-4o"].output > prices["gpt-4o-mini"].output > 0


def test_lookup_prefers_exact_then_longest_prefix() -> None:
    prices = {"gpt-4o": Price(2.5, 10.0), "gpt-4o-mini": Price(0.15, 0.6)}
    assert price_for("gpt-4o-mini-2024-07-18", "openai", prices) == Price(0.15, 0.6)
    assert price_for("gpt-4o-2024-08-06", "openai", prices) == Price(2.5, 10.0)
    assert price_for("llama3", "openai", prices) is None
    assert price_for("anything", "local", {}) == Price(0.0, 0.0)
    assert cost_usd(2_000_000, 1_000_000, Price(0.15, 0.6)) == pytest.approx(0.9)
    assert cost_usd(10, 10, None) is None


def test_bad_tables_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "prices.toml"
    path.write_text('[models."m"]\ninput = 1\n')
    with pytest.raises(PriceError, match=r"prices\.toml.*needs input = \.\.\. and output"):
        load_prices(path)
    path.write_text('[models."m"]\ninput = -1\noutput = 2\n')
    with pytest.raises(PriceError, match="not a non-negative number"):
        load_prices(path)
    with pytest.raises(PriceError, match="no such file"):
        load_prices(tmp_path / "missing.toml")

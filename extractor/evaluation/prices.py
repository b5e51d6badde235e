"""A price table (``eval/prices.toml``: USD per 1M input/output tokens per model) and cost estimates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import BadInput
from extractor.toml_files import read_toml

DEFAULT_PRICES = Path("eval/prices.toml")
LOCAL_BACKENDS = {"local"}


class PriceError(BadInput):
    """A price table that cannot be read; the message names the file and the fix."""


@dataclass(frozen=True)
class Price:
    """USD per 1 million tokens."""

    input: float
    output: float


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise PriceError(f"{where}: {value!r} is not a non-negative number (USD per 1M tokens)")
    return float(value)


def load_prices(path: Path | str) -> dict[str, Price]:
    """``{model name: Price}`` from a TOML file with ``[models."name"] input = ..., output = ...`` tables."""
    path = Path(path)
    data = read_toml(path, PriceError, "--prices (see eval/prices.toml)")
    models = data.get("models")
    if not isinstance(models, dict):
        raise PriceError(f'{path}: no [models."name"] tables; fix: add one per model with input and output prices')
    prices = {}
    for name, entry in models.items():
        if not isinstance(entry, dict) or {"input", "output"} - set(entry):
            raise PriceError(f'{path}: [models."{name}"] needs input = ... and output = ... (USD per 1M tokens)')
        where = f'{path}: [models."{name}"]'
        prices[name] = Price(_number(entry["input"], where), _number(entry["output"], where))
    return prices


def load_price_table(path: Path | str | None) -> dict[str, Price]:
    """The prices at ``path``; without a path, ``eval/prices.toml`` if it exists, else no prices (no cost estimate)."""
    if path is None:
        return load_prices(DEFAULT_PRICES) if DEFAULT_PRICES.is_file() else {}
    return load_prices(path)


def price_for(model: str, backend: str, prices: dict[str, Price]) -> Price | None:
    """The model's price: 0 on the embedded backend, else exact name, else longest prefix; None if unknown."""
    if backend in LOCAL_BACKENDS:
        return Price(0.0, 0.0)
    if model in prices:
        return prices[model]
    prefixes = [name for name in prices if model.startswith(name)]
    return prices[max(prefixes, key=len)] if prefixes else None


def cost_usd(tokens_in: int, tokens_out: int, price: Price | None) -> float | None:
    """Estimated cost in USD, None without a price."""
    if price is None:
        return None
    return tokens_in / 1e6 * price.input + tokens_out / 1e6 * price.output

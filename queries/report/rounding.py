"""How report values are rounded when they leave the system: one place, for every output.

A metric computed two correct ways (another summation order, another Python, another store)
may differ in its last bits. Reviewers read four decimals at most, so the report keeps four
decimals for shares and indices (every float among the metrics and their details) and one for
scores (family scores, the partnership strength, penalties): two correct implementations then
give byte-identical reports. The report models apply these at validation (:mod:`queries.report`),
so the JSON report, the API and the comparison of a call (whose rows copy the report's scores)
all show the rounded values.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator

INDEX_DECIMALS = 4
SCORE_DECIMALS = 1
_KEPT = (str, int, type(None))  # never rounded (booleans are integers)


def round_float(value: float, decimals: int) -> float:
    """``value`` rounded to ``decimals``, with no negative zero (``-0.0`` and ``0.0`` print apart)."""
    return round(value, decimals) + 0.0


def round_values(value: Any) -> Any:
    """Every float inside ``value`` (dicts, lists, tuples) rounded to :data:`INDEX_DECIMALS`.

    Other values (``None``, booleans, integers, strings) are returned as they are.

    Examples
    --------
    >>> round_values({"density": 2 / 3, "pairs": [["a", "b", 0.123456]], "count": 3})
    {'density': 0.6667, 'pairs': [['a', 'b', 0.1235]], 'count': 3}
    """
    if isinstance(value, float):
        return round_float(value, INDEX_DECIMALS)
    # A report holds thousands of ids: those are passed over without a call each.
    if isinstance(value, dict):
        return {key: item if isinstance(item, _KEPT) else round_values(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        rounded = [item if isinstance(item, _KEPT) else round_values(item) for item in value]
        return rounded if isinstance(value, list) else tuple(rounded)
    return value


def round_score(value: float | None) -> float | None:
    """A 0–100 score rounded to :data:`SCORE_DECIMALS`; ``None`` stays ``None``."""
    return None if value is None else round_float(value, SCORE_DECIMALS)


# Field types of the report models: the rounding runs once the field is validated.
Values = Annotated[dict[str, Any], AfterValidator(round_values)]
Score = Annotated[float | None, AfterValidator(round_score)]

__all__ = [
    "INDEX_DECIMALS",
    "SCORE_DECIMALS",
    "Score",
    "Values",
    "round_float",
    "round_score",
    "round_values",
]

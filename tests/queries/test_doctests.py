"""The Examples of the metric docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "queries.metrics.complementarity",
    "queries.metrics.redundancy",
    "queries.metrics.structural_holes",
    "queries.metrics.brokerage",
    "queries.metrics.trajectories",
    "queries.metrics.federation",
    "queries.metrics.governance",
    "queries.metrics.decompartmentalisation",
    "queries.report.rounding",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0

"""The learned second opinion on the headline: boosted decision trees that score each
candidate of ``titleopts.title_options`` by its inputs (``TitleOption.flags``).

The model (``stripper/title_model.json``) is trained by ``scripts/train_title.py``
on the development pages and judged only by cross-validation grouped by site
(docs/metadata.md). It is a list of small regression trees whose leaf values add
up to a candidate's log-odds of being the headline; evaluating it needs no
library. A missing input counts as 0.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

MODEL_FILE = "title_model.json"
# A tree node: [input name, threshold, left index, right index] or [leaf value];
# inputs at or below the threshold go left.
Tree = list[list[Any]]


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any] | None:
    """The packaged model, or None when it is absent (the rules then decide alone)."""
    try:
        raw = resources.files("stripper").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    model: dict[str, Any] = json.loads(raw)
    return model


def tree_value(tree: Tree, x: Mapping[str, float]) -> float:
    node = tree[0]
    while len(node) == 4:
        name, threshold, left, right = node
        node = tree[left if x.get(name, 0.0) <= threshold else right]
    return float(node[0])


def score(model: Mapping[str, Any], x: Mapping[str, float]) -> float:
    """A candidate's log-odds of being the headline (``tree_value`` of every tree,
    inlined: this runs for every candidate of every page)."""
    total = float(model["base"])
    get = x.get
    for tree in model["trees"]:
        node = tree[0]
        while len(node) == 4:
            node = tree[node[2] if get(node[0], 0.0) <= node[1] else node[3]]
        total += node[0]
    return total

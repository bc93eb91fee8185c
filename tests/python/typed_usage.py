"""Typed use of aikg, checked by mypy --strict in test_stubs.py (not run as a test).

Lines ending in "# rejected" are wrong uses the stubs must catch.
"""

from __future__ import annotations

import datetime

import aikg


def use(graph: aikg.Graph) -> None:
    deepseek: aikg.Entity = graph.entity("DeepSeek")
    name: str = deepseek.name
    statement = graph.statement("st/5")
    value = statement.value
    amount, bound = 0.0, "exact"
    if isinstance(value, aikg.Quantity):
        amount, bound = value.amount, value.bound
    valid = statement.valid
    first: datetime.date | None = valid.first_day if valid is not None else None
    view: aikg.View = graph.view(types=["Company"], valid_at=datetime.date(2025, 1, 1)).known_at("2025-09-30")
    hops: list[aikg.Hop] = view.neighbors(deepseek, direction="both", predicates=["develops"])
    path: aikg.Path | None = graph.shortest_path("a", "b", weight=lambda s: 1.0 if s.modality == "reported" else 2.0)
    rank: dict[str, float] = graph.pagerank(damping=0.9)
    result: aikg.Result = graph.query("MATCH (n) WHERE n.id = $id RETURN n", id="org/deepseek")
    columns: list[str] = result.columns
    for row in result:
        print(row[0])
    try:
        aikg.load("missing.json")
    except aikg.ValidationError as error:
        print([d.line for d in error.diagnostics], error.line)
    print(name, amount, bound, first, hops, path, rank, columns)
    graph.neighbors(deepseek, direction="up")  # rejected
    graph.view(types=[1])  # rejected
    graph.entity(42)  # rejected
    graph.pagerank(0.9)  # rejected

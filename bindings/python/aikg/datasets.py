"""The datasets that ship with aikg, and the mappings for public tables and Wikidata.

``pip install .`` puts them in the package, so they are there wherever aikg is installed:
``china-ai-2025-09`` (every claim of a newsletter on China's AI race, docs/datasets.md) and
``tiny`` (a small made-up graph of 7 entities and 14 statements that the docstring examples use).

Examples
--------
>>> import aikg
>>> aikg.datasets.names()
['china-ai-2025-09', 'tiny']
>>> g = aikg.datasets.load("china-ai-2025-09")
>>> g.entity("DeepSeek").id
'org/deepseek'
>>> aikg.datasets.mapping("epoch-notable-models").name
'epoch-notable-models.json'
"""

from __future__ import annotations

from pathlib import Path

from aikg._aikg import Graph, load as _load

__all__ = ["load", "mapping", "mappings", "names", "path"]

_DATA = Path(__file__).resolve().parent / "data"


def names() -> list[str]:
    """The names of the bundled datasets (graph files, without ``.json``)."""
    return sorted(p.name[: -len(".json")] for p in _DATA.glob("*.json") if not p.name.endswith(".schema.json"))


def path(name: str) -> Path:
    """The graph file of the bundled dataset `name`.

    Raises
    ------
    KeyError
        When no dataset has that name (the names are listed).
    """
    file = _DATA / f"{name}.json"
    if name not in names():
        raise KeyError(f"no bundled dataset {name!r} (there are: {', '.join(names())})")
    return file


def load(name: str) -> Graph:
    """The bundled dataset `name`, loaded into a new Graph."""
    return _load(path(name))


def mappings() -> list[str]:
    """The names of the bundled mappings (datasets/mappings in the sources)."""
    return sorted(p.name[: -len(".json")] for p in (_DATA / "mappings").glob("*.json") if not p.name.endswith(".schema.json"))


def mapping(name: str) -> Path:
    """The file of the bundled mapping `name` (for ``Graph.import_table`` and ``import_wikidata``).

    Raises
    ------
    KeyError
        When no mapping has that name (the names are listed).
    """
    if name not in mappings():
        raise KeyError(f"no bundled mapping {name!r} (there are: {', '.join(mappings())})")
    return _DATA / "mappings" / f"{name}.json"

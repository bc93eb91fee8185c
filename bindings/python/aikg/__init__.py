"""aikg: a typed, sourced, time-aware knowledge graph of AI-industry claims.

Load graph files, look entities up, follow their links with the statements (and sources)
behind every hop, run graph algorithms and pattern queries, over the whole graph or a view
of it (by type, predicate, modality, source, valid time, known time), and hand the results
to pandas, pyarrow or networkx.

Examples
--------
>>> import aikg
>>> g = aikg.datasets.load("tiny")
>>> g.entity("deepseek").id
'org/deepseek'
>>> g.statement("st/5").value
<Quantity ≥ 97 million users>
>>> [h.neighbor.id for h in g.neighbors("org/nvidia")]
['chip/h100', 'chip/h100']
>>> g.query("MATCH (c:Country)<-[:located_in]-(o) RETURN c.name, count(o) AS n").rows
[('China', 2)]
>>> g.as_of("2024-12-31").known_at("2025-09-30").statement_count
3
>>> g.as_of("2025-09-30", include_undated=True).statement_count
13
>>> [point.quantity.amount for point in g.series("model/r1", "users")]
[97000000.0]
"""

from aikg._errors import Diagnostic, Error, ValidationError
from aikg._aikg import (
    Alias,
    Candidate,
    Change,
    Changes,
    Citation,
    Conflict,
    Conflicts,
    Entity,
    Graph,
    Hop,
    ImportReport,
    NameMatch,
    Path,
    Quantity,
    Result,
    RowReconciliation,
    Schema,
    Series,
    SeriesComparison,
    SeriesPoint,
    Source,
    Statement,
    Text,
    Timeline,
    TimelineEntry,
    TimePoint,
    ValidTime,
    View,
    __version__,
    load,
)
from aikg import datasets
from aikg._plots import Drawing

__all__ = [
    "datasets",
    "Alias",
    "Candidate",
    "Change",
    "Changes",
    "Citation",
    "Conflict",
    "Conflicts",
    "Diagnostic",
    "Drawing",
    "Entity",
    "Error",
    "Graph",
    "Hop",
    "ImportReport",
    "NameMatch",
    "Path",
    "Quantity",
    "Result",
    "RowReconciliation",
    "Schema",
    "Series",
    "SeriesComparison",
    "SeriesPoint",
    "Source",
    "Statement",
    "Text",
    "Timeline",
    "TimelineEntry",
    "TimePoint",
    "ValidTime",
    "ValidationError",
    "View",
    "__version__",
    "load",
]

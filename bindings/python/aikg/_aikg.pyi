"""
The C++ core of aikg; import the aikg package instead.
"""
from __future__ import annotations
import collections.abc
import datetime
import numpy
import numpy.typing
import os
import pathlib
import typing
__all__: list[str] = ['Alias', 'Candidate', 'Change', 'Changes', 'Citation', 'Conflict', 'Conflicts', 'Entity', 'Graph', 'Hop', 'ImportReport', 'NameMatch', 'Path', 'Quantity', 'Result', 'RowReconciliation', 'Schema', 'Series', 'SeriesComparison', 'SeriesPoint', 'Source', 'Statement', 'Text', 'TimePoint', 'Timeline', 'TimelineEntry', 'ValidTime', 'View', 'load']
class TimePoint:
    """
    A time at a stated precision, as people write it in news: ``"2022"``, ``"2025-Q2"``,
    ``"early 2024"``, ``"2025-09-04T15:20"``.
    
    A time point is a period: it stands for every day in it, and remembers how it was written, so
    it never claims more precision than its source. The text forms are those of
    docs/json-format.md.
    
    Parameters
    ----------
    value : str or datetime.date or TimePoint
        The text form, or a date (a day), or a datetime (a time to the second).
    
    Raises
    ------
    ValidationError
        When the text is not a time.
    
    Examples
    --------
    >>> import datetime
    >>> early = aikg.TimePoint("early 2024")
    >>> early.precision, early.part
    ('year', 'early')
    >>> early.first_day, early.last_day
    (datetime.date(2024, 1, 1), datetime.date(2024, 4, 30))
    >>> str(aikg.TimePoint(datetime.date(2025, 9, 4)))
    '2025-09-04'
    """
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, value: str | datetime.date | TimePoint) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __str__(self) -> str:
        ...
    @property
    def first_day(self) -> datetime.date:
        """
        The first day of the period (datetime.date).
        """
    @property
    def last_day(self) -> datetime.date:
        """
        The last day of the period (datetime.date), inclusive.
        """
    @property
    def part(self) -> str:
        """
        The part of the period a fuzzy form names: 'whole', 'early', 'mid', 'late', 'start' or 'end'.
        """
    @property
    def precision(self) -> str:
        """
        How finely the time is known: 'second', 'minute', 'day', 'month', 'quarter', 'half-year', 'year' or 'decade'.
        """
    @property
    def utc_offset_minutes(self) -> int | None:
        """
        For times of day: the UTC offset the text gave, in minutes; else None.
        """
class ValidTime:
    """
    When a statement holds: one time point, or an interval whose ends are time points (either
    end may be open).
    
    Its text is the point (``"2022"``) or ``"from..to"`` with an empty open end (``"2022.."``),
    as in queries.
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> valid = g.statement("st/2").valid
    >>> str(valid), valid.start, valid.end, valid.first_day
    ('2022..', TimePoint('2022'), None, datetime.date(2022, 1, 1))
    """
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, start: str | datetime.date | TimePoint | None = None, end: str | datetime.date | TimePoint | None = None) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __str__(self) -> str:
        ...
    @property
    def end(self) -> TimePoint | None:
        """
        The end (a TimePoint), or None when open.
        """
    @property
    def first_day(self) -> datetime.date | None:
        """
        The first day of the start (datetime.date), or None when open.
        """
    @property
    def is_point(self) -> bool:
        """
        True when start and end are the same time point.
        """
    @property
    def last_day(self) -> datetime.date | None:
        """
        The last day of the end (datetime.date), or None when open.
        """
    @property
    def precision(self) -> str | None:
        """
        The precision of the coarser end: 'day', 'month', 'quarter', 'year', ... (``valid_precision``).
        """
    @property
    def start(self) -> TimePoint | None:
        """
        The start (a TimePoint), or None when open.
        """
class Quantity:
    """
    A measured value: an amount in a unit of the schema, how exact it is, and an optional range.
    
    ``bound`` is ``'exact'``, ``'at_least'`` ("passed 97 million"), ``'at_most'`` or ``'about'``.
    ``float(q)`` is the amount. ``str(q)`` is the quantity as people read it: the bound's sign,
    the amount with a scale word and every digit it has, the unit (``percent`` as ``%``) and the
    range: "≥ 97 million users", "34.712 billion USD", "12,000 users", "-3.5 %",
    "≈ 250 billion CNY (240–260 billion)".
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> users = g.statement("st/5").value
    >>> users
    <Quantity ≥ 97 million users>
    >>> str(users)
    '≥ 97 million users'
    >>> users.amount, users.unit, users.bound
    (97000000.0, 'users', 'at_least')
    >>> users == aikg.Quantity(97000000, "users", bound="at_least")
    True
    """
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __float__(self) -> float:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, amount: typing.SupportsFloat | typing.SupportsIndex, unit: str, *, bound: str = 'exact', lower: typing.SupportsFloat | typing.SupportsIndex | None = None, upper: typing.SupportsFloat | typing.SupportsIndex | None = None) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __str__(self) -> str:
        ...
    @property
    def amount(self) -> float:
        """
        The amount, a plain number (34.7 billion is 34700000000).
        """
    @property
    def bound(self) -> str:
        """
        'exact', 'at_least', 'at_most' or 'about'.
        """
    @property
    def lower(self) -> float | None:
        """
        The lower end of the range, or None.
        """
    @property
    def unit(self) -> str:
        """
        The unit's name in the schema ('USD', 'percent', 'users').
        """
    @property
    def upper(self) -> float | None:
        """
        The upper end of the range, or None.
        """
class Text:
    """
    A text value with its language (a BCP 47 tag, or None). ``str(t)`` is the text.
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> slogan = g.statement("st/8").value
    >>> slogan.lang, str(slogan)
    ('fr', 'Vers l’ère des agents 🚀')
    """
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, text: str, lang: str | None = None) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __str__(self) -> str:
        ...
    @property
    def lang(self) -> str | None:
        """
        Its language, or None.
        """
    @property
    def text(self) -> str:
        """
        The text.
        """
class Alias:
    """
    Another name of an entity, with its language (or None). ``str(a)`` is the name.
    """
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def __str__(self) -> str:
        ...
    @property
    def lang(self) -> str | None:
        """
        Its language, or None.
        """
    @property
    def name(self) -> str:
        """
        The name.
        """
class Source:
    """
    Where claims were read: a newsletter, a news article, a post... possibly relayed ``via``
    another source. Optional texts are None when not given.
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> wire = g.source("src/wire")
    >>> wire.kind, wire.publisher, str(wire.published), wire.via.id
    ('news_wire', 'Wire', '2025-09-04T15:20', 'src/letter')
    """
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def author(self) -> str | None:
        """
        Who wrote it, or None.
        """
    @property
    def id(self) -> str:
        """
        Its id.
        """
    @property
    def kind(self) -> str:
        """
        'newsletter', 'news_wire', 'news_article', 'social_media_post', 'company_announcement', 'regulator', 'report', 'research_paper' or 'other'.
        """
    @property
    def language(self) -> str | None:
        """
        Its language (BCP 47), or None.
        """
    @property
    def published(self) -> TimePoint | None:
        """
        When it was published (a TimePoint), or None.
        """
    @property
    def publisher(self) -> str | None:
        """
        Who published it, or None.
        """
    @property
    def title(self) -> str | None:
        """
        Its title, or None.
        """
    @property
    def url(self) -> str | None:
        """
        Its URL, or None.
        """
    @property
    def via(self) -> Source | None:
        """
        The source that relayed this one, or None.
        """
class Citation:
    """
    Where a statement was read: a source and a place in it (or None).
    """
    def __repr__(self) -> str:
        ...
    @property
    def locator(self) -> str | None:
        """
        Where in the source (section, paragraph), or None.
        """
    @property
    def source(self) -> Source:
        """
        The source.
        """
class Entity:
    """
    A typed node of the graph: a company, a chip, a country...
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> alibaba = g.entity("Alibaba")   # by id, name or alias
    >>> alibaba
    <Entity org/alibaba 'Alibaba Group' Company>
    >>> alibaba.attributes["employees"], str(alibaba.attributes["founded"])
    (204891, '1999')
    >>> [str(alias) for alias in alibaba.aliases]
    ['阿里巴巴', 'Alibaba']
    >>> alibaba.is_a("Organization")
    True
    """
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def is_a(self, type: str) -> bool:
        """
        True when the entity's type is `type` or one of its subtypes.
        """
    @property
    def aliases(self) -> list[Alias]:
        """
        Its other names, in any language or script.
        """
    @property
    def attributes(self) -> dict[str, str | float | int | bool | TimePoint]:
        """
        Its attributes by name: str, float, int, bool or TimePoint, as the schema declares.
        """
    @property
    def description(self) -> str | None:
        """
        Its description, or None.
        """
    @property
    def id(self) -> str:
        """
        Its id.
        """
    @property
    def name(self) -> str:
        """
        Its name.
        """
    @property
    def type(self) -> str:
        """
        Its type in the schema ('Company').
        """
class Statement:
    """
    One claim about a subject entity: a relation to another entity (an edge of the graph) or a
    value (a Quantity, a Text, a TimePoint or a bool), with when it holds, how it is asserted and
    where it was read.
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> s = g.statement("st/6")
    >>> s
    <Statement st/6: org/deepseek develops model/r1 [early 2025] reported>
    >>> s.subject.name, s.predicate, s.value.name, s.kind
    ('DeepSeek', 'develops', 'DeepSeek-R1', 'entity')
    >>> [(c.source.id, c.locator) for c in s.citations]
    [('src/wire', 'post'), ('src/letter', 'Focus')]
    >>> s.valid.first_day, s.valid.last_day
    (datetime.date(2025, 1, 1), datetime.date(2025, 4, 30))
    """
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    @property
    def citations(self) -> list[Citation]:
        """
        Where it was read: a Citation (source and locator) per source.
        """
    @property
    def confidence(self) -> float | None:
        """
        A confidence in [0, 1], or None.
        """
    @property
    def id(self) -> str:
        """
        Its id.
        """
    @property
    def is_edge(self) -> bool:
        """
        True when it links two entities.
        """
    @property
    def kind(self) -> str:
        """
        What it carries: 'entity' (an edge), 'quantity', 'text', 'date' or 'boolean'.
        """
    @property
    def modality(self) -> str:
        """
        'reported', 'claim', 'forecast', 'plan' or 'opinion'.
        """
    @property
    def object(self) -> Entity | None:
        """
        The object entity of an edge, else None.
        """
    @property
    def period(self) -> TimePoint | None:
        """
        The reporting period a figure covers (a TimePoint), or None.
        """
    @property
    def predicate(self) -> str:
        """
        Its predicate ('develops', 'revenue').
        """
    @property
    def qualifiers(self) -> dict[str, str]:
        """
        Free qualifiers, key to text ({'comparison': 'year over year'}).
        """
    @property
    def sources(self) -> list[Source]:
        """
        The sources it was read in.
        """
    @property
    def subject(self) -> Entity:
        """
        The entity it is about.
        """
    @property
    def valid(self) -> ValidTime | None:
        """
        When it holds (a ValidTime), or None when not bound to a time.
        """
    @property
    def valid_end(self) -> datetime.date | None:
        """
        The last day it may hold on (datetime.date); None when undated or open at the end.
        """
    @property
    def valid_precision(self) -> str | None:
        """
        How finely its valid time is known: 'day', 'month', 'quarter', 'year', ...; None when undated.
        """
    @property
    def valid_start(self) -> datetime.date | None:
        """
        The first day it may hold on (datetime.date), as in frames and exports; None when undated or open at the start.
        """
    @property
    def value(self) -> Entity | Quantity | Text | TimePoint | bool:
        """
        The object entity, or the value: a Quantity, a Text, a TimePoint or a bool.
        """
class Schema:
    """
    The ontology a graph is typed by: entity types (with single inheritance), units and predicates.
    
    Examples
    --------
    >>> schema = aikg.datasets.load("tiny").schema
    >>> schema.name, schema.entity_types["Company"]["parent"]
    ('tiny', 'Organization')
    >>> schema.predicates["revenue"]["units"]
    ['USD', 'CNY']
    >>> schema.is_a("Company", "Organization")
    True
    """
    def __repr__(self) -> str:
        ...
    def is_a(self, type: str, ancestor: str) -> bool:
        """
        True when `type` is `ancestor` or one of its subtypes.
        """
    @property
    def description(self) -> str:
        """
        Its description.
        """
    @property
    def entity_types(self) -> dict[str, dict[str, typing.Any]]:
        """
        Entity types by name: their parent (or None), description and declared attributes (name → kind).
        """
    @property
    def name(self) -> str:
        """
        Its name.
        """
    @property
    def path(self) -> str | None:
        """
        The file it was loaded from, or None.
        """
    @property
    def predicates(self) -> dict[str, dict[str, typing.Any]]:
        """
        Predicates by name: description, domain, range_kind ('entity', 'quantity', ...), range, units and symmetric.
        """
    @property
    def units(self) -> dict[str, dict[str, str]]:
        """
        Units by name: the dimension they measure ('currency', 'ratio', 'count') and description.
        """
    @property
    def version(self) -> str:
        """
        Its version.
        """
class Hop:
    """
    One step from an entity along an edge statement: the statement that justifies it (with its
    sources), the entity it leads to, and whether it follows the statement from subject to object.
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> for hop in sorted(g.neighbors("chip/h100", direction="in"), key=lambda hop: hop.statement.id):
    ...     print(hop, [source.id for source in hop.sources])
    <Hop <-[develops]- org/nvidia (st/1)> ['src/letter']
    <Hop <-[develops]- org/nvidia (st/12)> ['src/wire']
    <Hop <-[restricts_export_of]- country/us (st/2)> ['src/letter']
    """
    def __repr__(self) -> str:
        ...
    @property
    def forward(self) -> bool:
        """
        True when the step goes from subject to object.
        """
    @property
    def neighbor(self) -> Entity:
        """
        The entity the step leads to.
        """
    @property
    def predicate(self) -> str:
        """
        The statement's predicate.
        """
    @property
    def sources(self) -> list[Source]:
        """
        The sources of the statement.
        """
    @property
    def statement(self) -> Statement:
        """
        The statement the step follows.
        """
class View:
    """
    A filtered part of a graph, with the same reading API as Graph: lookups, neighbours, paths,
    algorithms, queries and exports all read only what the view keeps.
    
    Views are made by ``Graph.view``, ``as_of``, ``known_at`` and ``ego``, and compose: filtering a
    view keeps what passes both. A view keeps its graph alive, and reads the graph as it is now
    (after a later ``Graph.load``, it filters the grown graph).
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> chips = g.view(types=["Organization", "Chip"], predicates=["develops"])
    >>> chips
    <aikg.View of 'tiny': 4 of 7 entities, 2 of 14 statements>
    >>> sorted(e.id for e in chips.entities())
    ['chip/h100', 'org/alibaba', 'org/deepseek', 'org/nvidia']
    >>> g.as_of("2021").statement_count < g.statement_count
    True
    """
    def __contains__(self, key: typing.Any) -> bool:
        """
        True when `key` names an entity of the view (an id, an identifier, a name or an alias, as
        ``entity`` reads them), or is such an Entity.
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> "org/alibaba" in g, "alibaba group" in g, "阿里巴巴" in g, "Atlantis" in g
        (True, True, True, False)
        """
    def __getitem__(self, key: str | Entity) -> Entity:
        """
        The entity `key` names, as ``entity(key)``: ``g["org/alibaba"]``, ``g["阿里巴巴"]``.
        
        Raises
        ------
        KeyError
            When `key` names no entity of the view (with the nearest names), or several.
        """
    def __iter__(self) -> collections.abc.Iterator[Entity]:
        """
        The entities of the view, in load order.
        """
    def __len__(self) -> int:
        """
        The number of entities of the view, as ``len(G)`` counts a networkx graph's nodes.
        """
    def __repr__(self) -> str:
        ...
    def _entity_records(self) -> list[dict[str, typing.Any]]:
        """
        The entities of the view as dicts of plain values (times as text), attributes flattened.
        """
    def _statement_columns(self, *, arrow_texts: bool = False) -> list:
        """
        The columns of ``statements_frame`` as (name, column) pairs, in order: a column is a list, a NumPy array, or with ``arrow_texts`` (length, null count, validity, offsets, data) of an Arrow large_string array, the last three objects with the buffer protocol (pyarrow Buffers or uint8 NumPy arrays, not copied; validity None when no value is null), and for ``sources`` and ``locators`` (offsets, such buffers of the items) of an Arrow large_list<large_string> array.
        """
    def _statement_records(self) -> list[dict[str, typing.Any]]:
        """
        The statements of the view as dicts of plain values, the columns of ``statements_frame``.
        """
    def _table_buffers(self, *, progress: typing.Any = None) -> list:
        """
        The view's tables in Arrow's column layout, for aikg._interop.tables.
        """
    def all_simple_paths(self, source: str | Entity, target: str | Entity, *, max_length: typing.SupportsInt | typing.SupportsIndex = 3, direction: typing.Literal['out', 'in', 'both'] = 'both', limit: typing.SupportsInt | typing.SupportsIndex = 1000) -> list[Path]:
        """
        Every simple path (no entity twice) from `source` to `target` with at most `max_length` hops,
        shortest first. Parallel statements make distinct paths.
        
        Parameters
        ----------
        source, target : str or Entity
            The ends.
        max_length : int
            At most this many hops.
        direction : {"both", "out", "in"}
            How statements may be followed.
        limit : int
            At most this many paths.
        
        Returns
        -------
        list of Path
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> [[s.id for s in p.statements] for p in g.all_simple_paths("org/nvidia", "chip/h100", max_length=1)]
        [['st/1'], ['st/12']]
        >>> len(g.all_simple_paths("org/deepseek", "country/cn", max_length=3))
        2
        """
    def as_of(self, date: str | datetime.date | TimePoint, *, include_undated: bool = False) -> View:
        """
        The view as of a day, in valid time: ``view(valid_at=date, include_undated=...)``, as the
        AS OF clause of queries (``AS OF date INCLUDE UNDATED``).
        
        Undated statements are dropped unless ``include_undated``; then each counts as holding from
        the day its sources may first have been published (always, when no source is dated).
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> "st/6" in {s.id for s in g.as_of("2024-12-31").statements()}
        False
        >>> "st/6" in {s.id for s in g.as_of("2025-02-01").statements()}
        True
        """
    def betweenness(self, *, normalized: bool = True) -> dict[str, float]:
        """
        Betweenness centrality of the directed view (Brandes' algorithm), normalised by
        (n − 1)(n − 2) when `normalized`, as networkx.betweenness_centrality.
        
        Examples
        --------
        >>> b = aikg.datasets.load("tiny").betweenness()
        >>> b["org/deepseek"], b["country/cn"]
        (0.0, 0.0)
        """
    def changes(self, before: str | datetime.date | TimePoint, after: str | datetime.date | TimePoint) -> Changes:
        """
        What became known after `before` and by `after` (publication dates; a period stands for its
        last day), in statement order.
        
        Returns
        -------
        Changes
        """
    def compare_series(self, keys: collections.abc.Sequence[tuple[str | Entity, str]], *, allow_different_metrics: bool = False) -> SeriesComparison:
        """
        Several (subject, metric) series side by side.
        
        Refused with ValidationError (saying what differs) when the series are of different metrics —
        registrations are not weekly active users — or in units of different dimensions, unless
        `allow_different_metrics`. Currencies are labelled, never converted.
        
        Returns
        -------
        SeriesComparison
        """
    def conflicts(self) -> Conflicts:
        """
        Statements that disagree about the same subject, predicate and period (quantities whose ranges
        do not meet, different truth values, dates that do not overlap), with the one a later source
        supersedes. Nothing is deleted.
        
        Returns
        -------
        Conflicts
        """
    def connected_components(self) -> dict[str, int]:
        """
        Weakly connected components: a component number per entity of the view, numbered 0, 1, ...
        in the order of their first entity.
        
        Returns
        -------
        dict of str to int
        
        Examples
        --------
        >>> c = aikg.datasets.load("tiny").connected_components()
        >>> c["org/alibaba"], c["model/r1"], c["org/nvidia"], c["country/us"]
        (0, 0, 1, 1)
        """
    def degree(self, direction: typing.Literal['out', 'in', 'both'] = 'both') -> dict[str, int]:
        """
        Number of edge statements at each entity (parallel statements count once each).
        
        Examples
        --------
        >>> aikg.datasets.load("tiny").degree("in")["chip/h100"]
        3
        """
    def degree_centrality(self, direction: typing.Literal['out', 'in', 'both'] = 'both') -> dict[str, float]:
        """
        Degree divided by (entities − 1), as networkx's degree, in_degree and out_degree centralities.
        
        Parameters
        ----------
        direction : {"both", "in", "out"}
            Which edges count.
        
        Examples
        --------
        >>> aikg.datasets.load("tiny").degree_centrality("in")["chip/h100"]
        0.5
        """
    def degrees(self, entities: collections.abc.Sequence[str | Entity] | None = None, *, direction: typing.Literal['out', 'in', 'both'] = 'both') -> numpy.typing.NDArray[numpy.int64]:
        """
        Degrees as an array: the number of edge statements at each entity (parallel statements count
        once each), as :meth:`degree` gives them in a dict.
        
        Parameters
        ----------
        entities : list of str or Entity, optional
            The entities, in this order. Default: every entity of the view, in the order of
            :meth:`entities`.
        direction : {"both", "in", "out"}
            Which edges count.
        
        Returns
        -------
        numpy.ndarray
            int64, one degree per entity.
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> g.degrees(["chip/h100", "org/deepseek"], direction="in").tolist()
        [3, 0]
        >>> len(g.degrees()) == len(g.entities())
        True
        """
    def draw(self, *, engine: str = 'auto', max_entities: typing.SupportsInt | typing.SupportsIndex = 200) -> typing.Any:
        """
        A drawing of the view's entities and edge statements that shows inline in a notebook, offline.
        
        Parameters
        ----------
        engine : {"auto", "dot", "builtin"}
            "dot" lays the graph out with Graphviz ``dot`` (which must be on PATH); "builtin" draws a
            circular layout itself, with no dependency; "auto" uses dot when it is there.
        max_entities : int
            Refuses (ValidationError) views with more entities: draw a smaller view (``ego``, ``view``).
        
        Returns
        -------
        aikg.Drawing
            Has ``svg`` (the SVG text), ``_repr_svg_`` and ``_repr_html_``.
        
        Examples
        --------
        >>> d = aikg.datasets.load("tiny").ego("org/nvidia").draw(engine="builtin")
        >>> "Nvidia" in d.svg
        True
        """
    def ego(self, center: str | Entity | collections.abc.Sequence[str | Entity], *, hops: typing.SupportsInt | typing.SupportsIndex = 1, direction: typing.Literal['out', 'in', 'both'] = 'both') -> View:
        """
        The neighbourhood of one or more entities: the entities within `hops` steps and the
        statements among them (their values included).
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> sorted(e.id for e in g.ego("org/deepseek", hops=1).entities())
        ['country/cn', 'model/r1', 'org/alibaba', 'org/deepseek']
        """
    def entities(self, types: collections.abc.Sequence[str] | None = None, *, type: str | None = None) -> list[Entity]:
        """
        The entities of the view, in load order.
        
        Parameters
        ----------
        types : list of str, optional
            Only entities of these types or their subtypes.
        type : str, optional
            Only entities of this type or its subtypes.
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> [e.id for e in g.entities(type="Organization")]
        ['org/alibaba', 'org/deepseek', 'org/nvidia']
        >>> [e.id for e in g.entities(types=["Chip", "Country"])]
        ['country/us', 'country/cn', 'chip/h100']
        """
    def entities_frame(self) -> typing.Any:
        """
        The entities of the view as a pandas.DataFrame: ``id``, ``type``, ``name``, ``description``,
        ``aliases`` (list of names), then one column per attribute (times as text).
        
        Examples
        --------
        >>> df = aikg.datasets.load("tiny").entities_frame()
        >>> df.set_index("id").loc["org/alibaba", "employees"]
        np.float64(204891.0)
        """
    def entity(self, key: str | Entity) -> Entity:
        """
        The entity with this id, or else with this name or alias (ignoring case and accents).
        
        Parameters
        ----------
        key : str or Entity
            An id (``"org/deepseek"``), a name or an alias (``"deepseek"``, ``"深度求索"``).
        
        Returns
        -------
        Entity
        
        Raises
        ------
        KeyError
            When no entity of the view has that id, name or alias, or several have that name.
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> g.entity("org/deepseek").name, g.entity("深度求索").id, g.entity("etats-unis").id
        ('DeepSeek', 'org/deepseek', 'country/us')
        """
    def expand(self, center: str | Entity | collections.abc.Sequence[str | Entity], *, hops: typing.SupportsInt | typing.SupportsIndex = 1, direction: typing.Literal['out', 'in', 'both'] = 'both') -> dict[str, int]:
        """
        The entities within `hops` steps of one or more entities, with their distance, in
        breadth-first order (the centre first, at distance 0).
        
        Returns
        -------
        dict of str to int
            Entity id to number of steps.
        
        Examples
        --------
        >>> aikg.datasets.load("tiny").expand("model/r1", hops=2)
        {'model/r1': 0, 'org/deepseek': 1, 'org/alibaba': 2, 'country/cn': 2}
        """
    def expand_many(self, entities: collections.abc.Sequence[str | Entity], hops: typing.SupportsInt | typing.SupportsIndex = 1, *, direction: typing.Literal['out', 'in', 'both'] = 'both') -> tuple[numpy.typing.NDArray[numpy.int64], numpy.ndarray]:
        """
        For each entity, the distinct entities within `hops` steps of it (itself excluded), nearest
        first, as two NumPy arrays in compressed-sparse-row form: the neighbours of ``entities[i]`` are
        ``ids[offsets[i]:offsets[i + 1]]``. One call for all of them, with the GIL released while
        searching; a row holds ``neighborhood_sizes`` minus one entries, and with ``hops=1`` it is
        :meth:`neighbor_ids` without the entity itself.
        
        Parameters
        ----------
        entities : list of str or Entity
            Ids, names or aliases, or Entity objects; repeats are answered again.
        hops : int
            Steps from each entity (0: empty rows).
        direction : {"both", "out", "in"}
            Follow statements either way (default), only from subject to object, or only backwards.
        
        Returns
        -------
        tuple of numpy.ndarray
            ``(offsets, ids)``: int64 offsets, one more than the entities, starting at 0; and the
            neighbours' ids (str objects, the same ones every call returns for an entity).
        
        Raises
        ------
        KeyError
            When an entity is not in the view.
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> offsets, ids = g.expand_many(["chip/h100", "org/deepseek"], direction="in")
        >>> offsets.tolist(), ids.tolist()
        ([0, 2, 2], ['org/nvidia', 'country/us'])
        >>> offsets, ids = g.expand_many(["org/alibaba"], hops=2)
        >>> ids[offsets[0]:offsets[1]].tolist()  # one step, then two
        ['country/cn', 'org/deepseek', 'model/r1']
        >>> g.neighborhood_sizes(["org/alibaba"], hops=2).tolist()
        [4]
        """
    def export(self, path: os.PathLike | str | bytes, *, format: str, links: bool = False, group_by: str = 'predicate', title: str = '', layout: str = 'auto', base_iri: str | None = None, spreadsheet_safe: bool = False, progress: typing.Any = None) -> None:
        """
        Writes the view to `path` in another tool's format (docs/export.md), atomically.
        
        Parameters
        ----------
        path : str or os.PathLike
            The file to write; for "csv" and "parquet", a directory (created when missing) that gets
            ``entities``, ``statements`` and ``sources`` tables.
        format : str
            "node-link" (networkx), "jgf" (JSON Graph Format v2), "cytoscape" (Cytoscape.js), "graphml",
            "gexf" (Gephi, with valid-time spells), "dot" (Graphviz), "timelinejs", "csv", "parquet"
            (pyarrow; the same tables as "csv", typed), "html" (a browsable page that works offline,
            docs/explorer.md), or RDF for triple stores and SPARQL: "turtle", "ntriples", "nquads" or
            "jsonld" (docs/rdf.md).
        links : bool
            node-link: name the edge list "links" (networkx before 3.4) instead of "edges".
        group_by : {"predicate", "modality"}
            timelinejs: what groups the events.
        title : str
            html: the page's title (default: the schema's name).
        layout : {"auto", "radial"}
            html: how the neighbourhood drawings are laid out: "auto" uses Graphviz ``dot`` when it is
            installed and the view is small enough, "radial" the library's own layout.
        base_iri : str, optional
            RDF formats: the IRI that ids become IRIs under (absolute, ending with "/" or "#"); by
            default ``https://aikg.invalid/graph/``.
        spreadsheet_safe : bool
            csv: prefix with an apostrophe the texts that start with "=", "+", "-", "@", a tab or a
            carriage return, so that a spreadsheet shows them instead of running them as formulas.
        progress : callable, optional
            Called as ``progress(done, total)`` with the entities and statements written so far, every
            100 000 and once at the end.
        
        Raises
        ------
        ValidationError
            For an empty path, an unknown format, group_by or layout, or a bad base_iri.
        Error
            When the output cannot be written (nothing partial is left behind); for "html", when the
            view is larger than the page takes (narrow it with ``as_of``, ``view`` or ``ego``).
        
        Examples
        --------
        >>> import json, tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "tiny.json"
        >>> aikg.datasets.load("tiny").view(predicates=["develops"]).export(out, format="node-link")
        >>> [edge["key"] for edge in json.loads(out.read_text())["edges"]]
        ['st/1', 'st/6', 'st/12']
        >>> aikg.datasets.load("tiny").export(out.with_suffix(".ttl"), format="turtle", base_iri="https://example.org/ai/")
        >>> "<https://example.org/ai/entity/org/nvidia> direct:develops" in out.with_suffix(".ttl").read_text()
        True
        """
    def known_at(self, date: str | datetime.date | TimePoint) -> View:
        """
        The view as known at a day: statements one of whose sources may have been published by then
        (``view(known_at=date)``, as the KNOWN AT clause of queries).
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> g.known_at("2025-08-31").statement_count, g.known_at("2025-09-30").statement_count
        (0, 14)
        >>> g.as_of("2025-06-30").known_at("2025-09-30").statement_count
        7
        """
    def neighbor_ids(self, entity: str | Entity, *, direction: typing.Literal['out', 'in', 'both'] = 'both') -> list[str]:
        """
        The ids of the distinct entities one step from `entity`, each once however many statements
        link them, in adjacency order: ``list(G.neighbors(id))`` of networkx, without building Hops.
        
        Parameters
        ----------
        entity : str or Entity
            Id, name or alias, or an Entity.
        direction : {"both", "out", "in"}
            Follow statements either way (default), only from subject to object, or only backwards.
        
        Returns
        -------
        list of str
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> g.neighbor_ids("chip/h100", direction="in")
        ['org/nvidia', 'country/us']
        >>> g.neighbor_ids("org/deepseek")
        ['model/r1', 'org/alibaba', 'country/cn']
        """
    def neighborhood_sizes(self, entities: collections.abc.Sequence[str | Entity], hops: typing.SupportsInt | typing.SupportsIndex = 1, *, direction: typing.Literal['out', 'in', 'both'] = 'both') -> numpy.typing.NDArray[numpy.int64]:
        """
        For each entity, how many entities of the view lie within `hops` steps of it, itself
        included (igraph's ``neighborhood_size``). With ``hops=1`` that is one more than its number
        of distinct neighbours. One call for all of them, with the GIL released.
        
        Parameters
        ----------
        entities : list of str or Entity
            Ids, names or aliases, or Entity objects; repeats are answered again.
        hops : int
            Steps from each entity (0: the entity alone).
        direction : {"both", "out", "in"}
            Follow statements either way (default), only from subject to object, or only backwards.
        
        Returns
        -------
        numpy.ndarray
            int64, one size per entity, in the order given.
        
        Raises
        ------
        KeyError
            When an entity is not in the view.
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> g.neighborhood_sizes(["org/alibaba", "chip/h100"], hops=2).tolist()
        [4, 3]
        >>> g.neighborhood_sizes(["org/alibaba"], hops=1, direction="out").tolist()
        [2]
        """
    def neighbors(self, entity: str | Entity, direction: typing.Literal['out', 'in', 'both'] = 'out', *, predicates: collections.abc.Sequence[str] | None = None, modalities: collections.abc.Sequence[str] | None = None, types: collections.abc.Sequence[str] | None = None) -> list[Hop]:
        """
        The edges at an entity, one Hop per statement (parallel statements are separate hops), in
        the graph's adjacency order (out-edges first for "both").
        
        Parameters
        ----------
        entity : str or Entity
            Id, name or alias, or an Entity.
        direction : {"out", "in", "both"}
            Follow statements from subject to object, the other way, or both.
        predicates, modalities : list of str, optional
            Only statements of these predicates or modalities.
        types : list of str, optional
            Only neighbours of these types (or subtypes).
        
        Returns
        -------
        list of Hop
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> [(h.predicate, h.neighbor.id) for h in g.neighbors("org/deepseek")]
        [('develops', 'model/r1'), ('competes_with', 'org/alibaba'), ('located_in', 'country/cn')]
        >>> [h.neighbor.id for h in g.neighbors("country/cn", direction="in", types=["Company"])]
        ['org/alibaba', 'org/deepseek']
        """
    def pagerank(self, *, damping: typing.SupportsFloat | typing.SupportsIndex = 0.85, max_iterations: typing.SupportsInt | typing.SupportsIndex = 100, tolerance: typing.SupportsFloat | typing.SupportsIndex = 1e-06) -> dict[str, float]:
        """
        PageRank of the entities, by power iteration on the directed view; the rank of entities
        without out-edges is spread over all, as networkx.pagerank does. Ranks sum to 1.
        
        Parameters
        ----------
        damping : float
            The damping factor (networkx's ``alpha``).
        max_iterations : int
            At most this many iterations.
        tolerance : float
            Stops when the L1 change of the whole vector falls below tolerance × entities.
        
        Returns
        -------
        dict of str to float
            Entity id to rank, for the entities of the view.
        
        Examples
        --------
        >>> rank = aikg.datasets.load("tiny").pagerank(max_iterations=1000, tolerance=1e-12)
        >>> round(rank["chip/h100"], 10)
        0.2537395254
        """
    def query(self, text: str, parameters: dict[str, typing.Any] | None = None, /, *, max_hops: typing.SupportsInt | typing.SupportsIndex | None = None, max_rows: typing.SupportsInt | typing.SupportsIndex | None = None, max_memory: typing.SupportsInt | typing.SupportsIndex | None = None, timeout: typing.SupportsFloat | typing.SupportsIndex | None = None, **kwargs: bool | int | float | str | datetime.date | TimePoint | Entity | Statement | list[typing.Any] | tuple[typing.Any, ...] | None) -> Result:
        """
        Runs a pattern query (the openCypher subset of docs/query.md, with AS OF and KNOWN AT) over
        the view.
        
        Parameters
        ----------
        text : str
            The query.
        parameters : dict, optional
            Values for ``$name`` parameters, by name (as the keyword arguments below; a keyword argument
            wins over the same name here). Any name works here, also ``text`` or ``timeout``.
        max_hops : int, optional
            The longest path an open hop range (``*``, ``*2..``) matches; 10 by default.
        max_rows : int, optional
            The most rows kept before ORDER BY, SKIP and LIMIT (groups, when aggregating); 10 million by
            default, 0 for no limit.
        max_memory : int, optional
            The most bytes those rows may take (an estimate); 2 GiB by default, 0 for no limit.
        timeout : float, optional
            Seconds the run may take; no limit by default (0 too).
        **parameters
            Values for ``$name`` parameters: int, float, bool, str, None, datetime.date (a day),
            datetime.datetime, TimePoint, Entity, Statement, or lists of them. A parameter named
            ``text``, ``max_hops``, ``max_rows``, ``max_memory`` or ``timeout`` goes in ``parameters``.
        
        Returns
        -------
        Result
        
        Raises
        ------
        ValidationError
            When the query does not parse or names an unknown type, predicate, variable,
            parameter or function; ``line`` and ``column`` say where.
        Error
            When the run passes a limit of docs/query.md ("Limits"): ``max_rows``, ``max_memory`` or
            ``timeout``.
        ValueError
            For a negative limit.
        KeyboardInterrupt
            On Ctrl-C: a running query stops.
        
        Examples
        --------
        >>> import datetime
        >>> g = aikg.datasets.load("tiny")
        >>> r = g.query("MATCH (m)-[s:users]->(v) WHERE v.amount >= $least RETURN m.name, v", least=10**6)
        >>> r[0]
        ('DeepSeek-R1', <Quantity ≥ 97 million users>)
        >>> g.query("MATCH (x)-[r]->(y) AS OF $day RETURN count(r) AS edges", day=datetime.date(2022, 6, 30))[0]
        (3,)
        >>> g.query("MATCH (a)-[*]-(b) RETURN count(*) AS paths", max_hops=1)[0]
        (14,)
        """
    def search(self, text: str, limit: typing.SupportsInt | typing.SupportsIndex = 10, *, max_edits: typing.SupportsInt | typing.SupportsIndex = 2) -> list[NameMatch]:
        """
        Entities whose name or alias matches `text`, best first: exact names, then names starting
        with it, then names with a word starting with it, then names within a few typos. Case,
        accents and width are ignored.
        
        Parameters
        ----------
        text : str
            What to look for.
        limit : int
            At most this many matches.
        max_edits : int
            Fuzzy matches differ by at most this many edits (and a quarter of the text's length).
        
        Returns
        -------
        list of NameMatch
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> [(m.entity.id, m.kind) for m in g.search("deepsek")]
        [('org/deepseek', 'fuzzy')]
        >>> [m.entity.id for m in g.search("deep")]
        ['org/deepseek', 'model/r1']
        """
    def series(self, subject: str | Entity, metric: str) -> Series:
        """
        The values of `metric` (a quantity predicate) about `subject` over time, units as stated.
        
        Raises
        ------
        KeyError
            When `subject` names no entity of the view.
        ValidationError
            When `metric` is not a quantity predicate.
        
        Examples
        --------
        >>> s = aikg.datasets.load("tiny").series("org/alibaba", "revenue")
        >>> [(p.statement.id, p.quantity.amount, p.quantity.unit) for p in s]
        [('st/3', 34700000000.0, 'USD'), ('st/11', 250000000000.0, 'CNY')]
        """
    def shortest_path(self, source: str | Entity, target: str | Entity, *, direction: typing.Literal['out', 'in', 'both'] = 'both', weight: collections.abc.Callable[[Statement], typing.SupportsFloat | typing.SupportsIndex] | None = None, exclude: collections.abc.Sequence[str] | None = None) -> Path | None:
        """
        A shortest path from `source` to `target`, or None when the view links them by no path.
        
        Ties go to the path found first, following statements in load order, so the answer is
        stable.
        
        Parameters
        ----------
        source, target : str or Entity
            The ends (id, name or alias, or Entity).
        direction : {"both", "out", "in"}
            Follow statements either way (default), only from subject to object, or only backwards.
        weight : callable, optional
            ``weight(statement) -> float``, finite and non-negative: the path minimising the sum of
            weights (Dijkstra) instead of the number of hops.
        exclude : list of str, optional
            Predicates not to follow: hubs such as ``headquartered_in`` join everything located in one
            country, and a path through them says little.
        
        Returns
        -------
        Path or None
        
        Raises
        ------
        KeyError
            When an end is not in the view.
        ValidationError
            When a weight is negative or not finite.
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> g.shortest_path("model/r1", "country/cn", direction="out") is None
        True
        >>> trust = {"reported": 1.0, "claim": 2.0, "opinion": 5.0}
        >>> g.shortest_path("org/deepseek", "org/alibaba", weight=lambda s: trust[s.modality])
        <Path org/deepseek -[located_in]-> country/cn <-[located_in]- org/alibaba>
        >>> g.shortest_path("org/deepseek", "org/alibaba")
        <Path org/deepseek -[competes_with]-> org/alibaba>
        >>> g.shortest_path("org/deepseek", "org/alibaba", exclude=["competes_with"])
        <Path org/deepseek -[located_in]-> country/cn <-[located_in]- org/alibaba>
        """
    def source(self, id: str) -> Source:
        """
        The source with this id (views do not filter sources).
        
        Raises
        ------
        KeyError
            When the graph has no source with that id.
        """
    def sources(self) -> list[Source]:
        """
        The sources of the graph, in load order.
        """
    def statement(self, id: str) -> Statement:
        """
        The statement with this id.
        
        Raises
        ------
        KeyError
            When the view has no statement with that id.
        
        Examples
        --------
        >>> aikg.datasets.load("tiny").statement("st/5").value.amount
        97000000.0
        """
    def statements(self, subject: str | Entity | None = None, *, object: str | Entity | None = None, predicate: str | None = None, source: str | None = None, modality: str | None = None, predicates: collections.abc.Sequence[str] | None = None, modalities: collections.abc.Sequence[str] | None = None) -> list[Statement]:
        """
        The statements of the view, in load order, filtered by any of the arguments (all must hold).
        
        Parameters
        ----------
        subject, object : str or Entity, optional
            Only statements about this entity, or linking to it (edges).
        predicate, modality : str, optional
            Only statements of this predicate, or asserted in this modality.
        source : str, optional
            Only statements citing this source, or a source it relays.
        predicates, modalities : list of str, optional
            Only statements of these predicates, or asserted in these modalities.
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> [s.id for s in g.statements("org/alibaba", predicate="revenue")]
        ['st/3', 'st/11']
        >>> [s.id for s in g.statements(object="China")]
        ['st/13', 'st/14']
        >>> [s.id for s in g.statements(modality="claim", source="src/wire")]
        ['st/8', 'st/10', 'st/12']
        >>> [s.id for s in g.statements(modalities=["forecast", "opinion"])]
        ['st/7', 'st/11']
        """
    def statements_frame(self) -> typing.Any:
        """
        The statements of the view as a pandas.DataFrame, one row per statement (edges and values).
        ``value`` is what each says as people read it (the object's id, "≥ 97 million users"); the
        columns after it hold the value's parts for analysis.
        
        Columns: ``id``, ``subject``, ``predicate``, ``kind``, ``object`` (edges), ``value``; ``amount``,
        ``unit``, ``bound``, ``lower``, ``upper``, ``text``, ``lang``, ``date``, ``boolean`` (values);
        ``valid`` (the valid time as written), ``valid_start``, ``valid_end`` (its first and last
        possible day, datetime64), ``valid_precision``, ``period``, ``modality``, ``sources`` and ``locators`` (lists),
        ``confidence``, ``qualifiers`` (dict).
        
        Where pandas keeps its strings in Arrow (pandas 3 with pyarrow), ``sources`` and ``locators``
        are Arrow lists of texts (``pandas.ArrowDtype(pyarrow.large_list(pyarrow.large_string()))``)
        rather than objects: a row still reads as a list of str (None for a source cited without a
        locator), but ``map`` and ``apply`` hand their function NumPy arrays.
        
        Examples
        --------
        >>> df = aikg.datasets.load("tiny").statements_frame()
        >>> df.loc[df.id == "st/5", ["subject", "amount", "unit", "bound"]].values.tolist()
        [['model/r1', 97000000.0, 'users', 'at_least']]
        """
    def tables(self, *, progress: typing.Any = None) -> typing.Any:
        """
        The view as three pyarrow Tables, ``{"entities": …, "statements": …, "sources": …}``: the rows
        and columns of the CSV export (docs/export.md), typed: texts are strings, ``valid_start`` and
        ``valid_end`` dates, ``amount``, ``lower``, ``upper`` and ``confidence`` doubles, ``boolean``
        booleans; lists and objects (``sources``, ``qualifiers``...) are JSON text.
        
        Examples
        --------
        >>> t = aikg.datasets.load("tiny").tables()
        >>> t["statements"].num_rows, str(t["statements"].schema.field("valid_start").type)
        (14, 'date32[day]')
        """
    def timeline(self, start: str | datetime.date | TimePoint | None = None, end: str | datetime.date | TimePoint | None = None, *, entities: collections.abc.Sequence[str | Entity] | None = None, include_undated: bool = False, grouping: str | None = None) -> Timeline:
        """
        The statements of the view placed in [start, end], in time order: each at its valid time, or, for
        a statement without one whose value is a date (a release, an announcement), at that date.
        
        Parameters
        ----------
        start, end : str, datetime.date or TimePoint, optional
            The range; a period counts from its first day (start) or to its last day (end). Open when
            None.
        entities : list of str or Entity, optional
            Only statements about these entities (as subject or object).
        include_undated : bool
            Also list the undated statements (no valid time, no date value), after the dated ones; with
            `end` given, only those one of whose sources may have been published by `end`.
        grouping : {None, "year", "quarter", "month"}
            Labels each entry with its group ("2024", "2024-Q2", "2024-03").
        
        Returns
        -------
        Timeline
        
        Examples
        --------
        >>> t = aikg.datasets.load("tiny").timeline("2025", grouping="quarter")
        >>> [(e.statement.id, e.group) for e in t][:4]
        [('st/2', '2022..'), ('st/6', 'early 2025'), ('st/5', '2025'), ('st/9', '2025-Q1')]
        >>> release = t[3]
        >>> str(release.when), release.from_value
        ('2025-01-20', True)
        """
    def to_networkx(self, *, values: bool = True) -> typing.Any:
        """
        The view as a networkx.MultiDiGraph (networkx is imported on first use): the node-link export
        read by ``networkx.node_link_graph``, so both have one attribute layout (docs/export.md).
        
        Nodes are entity ids, with the entity's ``type``, ``name``, ``description``, ``aliases`` (list
        of ``{"name", "lang"}``), ``attributes`` (dict) and ``values`` (its value statements). Edges are
        the entity-to-entity statements, keyed by statement id, so parallel statements stay separate
        edges; each carries the statement's fields (``predicate``, ``modality``, ``valid``,
        ``valid_start``, ``valid_end``, ``valid_precision``, ``period``, ``sources``, ``locators``,
        ``confidence``, ``qualifiers``, ``order``), those not given left out. ``graph.graph`` holds the
        schema's name and version and the sources.
        
        Parameters
        ----------
        values : bool
            Also attach each entity's value statements to its node, as a list of statement dicts
            under ``"values"``.
        
        Examples
        --------
        >>> nxg = aikg.datasets.load("tiny").to_networkx()
        >>> sorted(nxg["org/nvidia"]["chip/h100"])
        ['st/1', 'st/12']
        >>> nxg.edges["org/nvidia", "chip/h100", "st/12"]["modality"], nxg.nodes["org/alibaba"]["attributes"]["ticker"]
        ('claim', 'BABA')
        """
    def values(self, entity: str | Entity, *, predicates: collections.abc.Sequence[str] | None = None, modalities: collections.abc.Sequence[str] | None = None) -> list[Statement]:
        """
        The value statements about an entity (quantities, texts, dates, truth values), in load order.
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> for s in g.values("Alibaba", predicates=["revenue"]):
        ...     print(s.id, s.value, s.modality)
        st/3 34.7 billion USD reported
        st/11 ≈ 250 billion CNY (240–260 billion) forecast
        """
    def view(self, *, types: collections.abc.Sequence[str] | None = None, entities: collections.abc.Sequence[str | Entity] | None = None, predicates: collections.abc.Sequence[str] | None = None, modalities: collections.abc.Sequence[str] | None = None, sources: collections.abc.Sequence[str] | None = None, valid_at: str | datetime.date | TimePoint | None = None, valid_during: tuple[str | datetime.date | TimePoint | None, str | datetime.date | TimePoint | None] | None = None, known_at: str | datetime.date | TimePoint | None = None, include_undated: bool = False) -> View:
        """
        The part of this view that passes a filter. Every argument left out keeps everything.
        
        Parameters
        ----------
        types : list of str, optional
            Entities of these types and their subtypes.
        entities : list of str or Entity, optional
            Only these entities.
        predicates : list of str, optional
            Statements of these predicates.
        modalities : list of str, optional
            Statements asserted so: 'reported', 'claim', 'forecast', 'plan', 'opinion'.
        sources : list of str, optional
            Statements citing one of these sources (or a source they relayed).
        valid_at : str or datetime.date or TimePoint, optional
            Statements that may hold on that day (a period stands for its last day: "2023" is
            2023-12-31). Undated statements are dropped unless ``include_undated``.
        valid_during : tuple (start, end), optional
            Statements whose valid time overlaps the period; either end may be None (open).
        known_at : str or datetime.date or TimePoint, optional
            Statements one of whose sources may have been published by that day.
        include_undated : bool, default False
            With ``valid_at`` or ``valid_during``: keep undated statements too, each counting as holding
            from the day its sources may first have been published (always, when no source is dated).
        
        Returns
        -------
        View
        
        Raises
        ------
        ValidationError
            For an unknown type, predicate, modality or source, or a bad time.
        
        Examples
        --------
        >>> import datetime
        >>> g = aikg.datasets.load("tiny")
        >>> v = g.view(modalities=["reported"], valid_at=datetime.date(2025, 6, 30))
        >>> sorted(s.id for s in v.statements())
        ['st/1', 'st/2', 'st/3', 'st/4', 'st/5', 'st/6']
        >>> g.view(valid_during=("2025-Q2", None)).statement_count
        6
        >>> g.view(valid_during=("2025-Q2", None), include_undated=True).statement_count
        12
        """
    @property
    def edge_count(self) -> int:
        """
        Number of statements in the view that link two entities.
        """
    @property
    def entity_count(self) -> int:
        """
        Number of entities in the view.
        """
    @property
    def source_count(self) -> int:
        """
        Number of sources of the graph (views do not filter sources).
        """
    @property
    def statement_count(self) -> int:
        """
        Number of statements in the view (edges and values).
        """
class Graph(View):
    """
    A typed, sourced, time-aware graph of claims.
    
    Entities are the nodes; statements linking two entities are its edges (parallel edges are
    normal: the same relation read in two sources is two statements); value statements hang off
    their subject. A Graph is also the View of everything it holds, so it has the whole reading
    API of View (lookups, neighbours, paths, algorithms, queries, exports).
    
    Parameters
    ----------
    schema : str or os.PathLike, optional
        A schema file to type the graph by; without one, the first load sets it.
    
    Notes
    -----
    Loads, saves, queries and algorithms release the GIL. Several threads may read a graph at
    once; a load waits for the readers, and they for it.
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> g
    <aikg.Graph 'tiny': 7 entities, 14 statements, 2 sources>
    >>> g.entity_count, g.statement_count, g.edge_count, g.source_count
    (7, 14, 7, 2)
    """
    def __init__(self, schema: os.PathLike | str | bytes | None = None) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def import_file(self, path: os.PathLike | str | bytes, *, format: str) -> None:
        """
        Reads back a file that ``View.export`` wrote as "node-link", "jgf", "turtle" or "ntriples",
        losslessly, as one batch (all or nothing, like ``load``).
        
        The graph must have the schema the file names: make it with ``Graph(schema=...)``.
        
        Parameters
        ----------
        path : str or os.PathLike
        format : {"node-link", "jgf", "turtle", "ntriples"}
        
        Raises
        ------
        FileNotFoundError
            When the file does not exist.
        ValidationError
            When the file is not what the exporter writes; ``diagnostics`` give the file, line,
            column and (for JSON) JSON pointer of every problem.
        
        Examples
        --------
        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "tiny.jgf.json"
        >>> aikg.datasets.load("tiny").export(out, format="jgf")
        >>> copy = aikg.Graph(schema="tests/data/tiny.schema.json")
        >>> copy.import_file(out, format="jgf")
        >>> copy.statement_count
        14
        """
    def import_table(self, source: typing.Any, mapping: typing.Any, *, skip_bad_rows: bool = False, same_as: typing.Any = None) -> ImportReport:
        """
        Imports a table through a mapping (docs/import.md), as one batch.
        
        Parameters
        ----------
        source : str, os.PathLike, pandas.DataFrame or pyarrow.Table
            A CSV file (read in the dialect the mapping's ``csv`` member gives), or a table in memory,
            read as the same table saved as CSV would be.
        mapping : str, os.PathLike or dict
            A mapping file, or the mapping itself.
        skip_bad_rows : bool
            Leave out the rows with problems (listed in the report's ``skipped``) instead of failing.
        same_as : dict or str or os.PathLike, optional
            Curator decisions: a name or id as the table gives it → the id of the entity it means; or
            a same-as file.
        
        Returns
        -------
        ImportReport
        
        Raises
        ------
        ValidationError
            When the mapping is malformed, names what the schema lacks or a column the table lacks, or
            (without skip_bad_rows) a row has a problem; ``diagnostics`` locate each problem by file,
            line, column name and the place in the mapping. The graph is then unchanged.
        
        Examples
        --------
        >>> g = aikg.load("datasets/china-ai-2025-09.json")
        >>> g.import_table("tests/data/import/epoch-layout-a.csv", "datasets/mappings/epoch-notable-models.json")
        <ImportReport: 30 of 30 rows imported, 0 skipped; 40 entities created, 14 matched; 331 statements added, 0 unchanged>
        >>> [(str(p.statement.valid), p.quantity.amount) for p in g.series("DeepSeek-V3", "training_compute")]
        [('2024-12-26', 3.4e+24)]
        """
    def import_wikidata(self, path: os.PathLike | str | bytes, mapping: os.PathLike | str | bytes, *, skip_bad_rows: bool = False, same_as: typing.Any = None) -> ImportReport:
        """
        Imports Wikidata entities (a ``wbgetentities`` response or a dump: docs/import-wikidata.md)
        through a property mapping, as one batch.
        
        Parameters
        ----------
        path : str or os.PathLike
        mapping : str or os.PathLike
            A Wikidata mapping file (datasets/mappings/wikidata.json for the AI-industry ontology).
        skip_bad_rows : bool
            Leave out the items with problems instead of failing.
        same_as : dict or str or os.PathLike, optional
            Curator decisions, as for ``import_table``.
        
        Returns
        -------
        ImportReport
            ``unmapped_properties`` counts the claims of properties the mapping does not cover.
        """
    def load(self, *args: os.PathLike | str | bytes) -> None:
        """
        Loads graph files into this graph, all as one batch.
        
        Every problem of every file is reported at once, and if there is any, the graph is left as it
        was. Files that define the same id identically merge; different definitions clash. When the
        graph has no schema yet, the schema named by the first file is loaded.
        
        Parameters
        ----------
        *paths : str or os.PathLike
            Graph files (docs/json-format.md), or one binary snapshot (``.aikgb``, docs/snapshot.md)
            alone, into an empty graph.
        
        Raises
        ------
        FileNotFoundError
            When a file does not exist.
        ValidationError
            When a file breaks the format or the schema; ``diagnostics`` lists every problem with
            its file, line, column and JSON pointer.
        
        Examples
        --------
        >>> g = aikg.Graph()
        >>> g.load(aikg.datasets.path("tiny"))
        >>> g.entity_count
        7
        """
    def load_string(self, text: str, *, file_name: str = '<string>', base_dir: os.PathLike | str | bytes = '.') -> None:
        """
        Loads one graph document held in a string, as ``load`` does a file.
        
        Parameters
        ----------
        text : str
            The JSON document.
        file_name : str
            The name diagnostics give the document.
        base_dir : str or os.PathLike
            Where the document's schema path is resolved from.
        """
    def merged(self, same_as: typing.Any) -> Graph:
        """
        A new graph in which the entities a curator decided are the same are merged (docs/import.md).
        
        Parameters
        ----------
        same_as : dict or str or os.PathLike
            An id, identifier, name or alias → the entity it is merged into; or a same-as file.
        
        Returns
        -------
        Graph
            Statements about or pointing to a merged entity are re-pointed and keep their ids and
            sources; the merged entity's names become aliases of the kept one. This graph is unchanged.
        
        Raises
        ------
        ValidationError
            When a name names no entity or several, the types are unrelated, or decisions form a cycle.
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> merged = g.merged({"DeepSeek": "org/alibaba"})
        >>> merged.entity_count, merged.entity("深度求索").id, g.entity("深度求索").id
        (6, 'org/alibaba', 'org/deepseek')
        """
    def reconcile(self, source: typing.Any, mapping: typing.Any) -> list[RowReconciliation]:
        """
        What importing `source` through `mapping` would link each row's entity references to, without
        changing the graph: matched (with how), new (with near names proposed), ambiguous (with the
        candidates) or unknown. Decisions go back to ``import_table(..., same_as=...)``.
        
        Returns
        -------
        list of RowReconciliation
        
        Examples
        --------
        >>> g = aikg.load("datasets/china-ai-2025-09.json")
        >>> rows = g.reconcile("tests/data/import/epoch-layout-a.csv", "datasets/mappings/epoch-notable-models.json")
        >>> sorted({(r.text, r.id, r.candidates[0].how) for r in rows if r.text == "Alibaba Group"})
        [('Alibaba Group', 'org/alibaba', 'alias')]
        """
    def save(self, path: os.PathLike | str | bytes) -> None:
        """
        Writes the graph to `path`, atomically (a temporary file renamed over the target): as a binary
        snapshot when `path` ends in ``.aikgb`` (docs/snapshot.md: it reloads many times faster than
        JSON), else in the canonical JSON layout. save → load → save gives byte-identical files.
        
        Raises
        ------
        Error
            When the file cannot be written, or the graph has no schema file to refer to.
        
        Examples
        --------
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiny.aikgb"
        >>> aikg.datasets.load("tiny").save(path)
        >>> aikg.load(path).statement_count
        14
        """
    def summary(self) -> dict[str, typing.Any]:
        """
        What the graph holds, in numbers.
        
        Returns
        -------
        dict
            ``entities``, ``statements``, ``sources``, ``edges`` (counts);
            ``entities_by_type``, ``statements_by_predicate``, ``statements_by_modality``,
            ``sources_by_kind`` (name → count); ``valid_start``, ``valid_end`` (datetime.date: the
            span the statements' valid times cover, or None).
        
        Examples
        --------
        >>> s = aikg.datasets.load("tiny").summary()
        >>> s["statements"], s["entities_by_type"]["Company"], s["valid_start"], s["valid_end"]
        (14, 3, datetime.date(2022, 1, 1), datetime.date(2025, 12, 31))
        """
    def to_json(self, base_dir: os.PathLike | str | bytes = '.') -> str:
        """
        The canonical JSON text of the graph; its schema path is written relative to `base_dir`.
        """
    @property
    def schema(self) -> Schema | None:
        """
        The schema the graph is typed by (a Schema), or None before the first load.
        """
class NameMatch:
    """
    An entity found by ``search``, with the name that matched and how well.
    """
    def __repr__(self) -> str:
        ...
    @property
    def entity(self) -> Entity:
        """
        The entity.
        """
    @property
    def kind(self) -> str:
        """
        'exact', 'prefix', 'word_prefix' or 'fuzzy'.
        """
    @property
    def name(self) -> str:
        """
        The name or alias that matched, folded (lower case, no accents).
        """
    @property
    def score(self) -> float:
        """
        1 for an exact match, lower for looser ones, in (0, 1].
        """
class Path:
    """
    A path between two entities: the entities from start to end, and the hops between them, each
    with the statement that justifies it. ``len(path)`` is the number of hops; iterating gives the
    hops.
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> path = g.shortest_path("model/r1", "country/cn")
    >>> path
    <Path model/r1 <-[develops]- org/deepseek -[located_in]-> country/cn>
    >>> len(path), [s.id for s in path.statements], [src.id for src in path.hops[0].sources]
    (2, ['st/6', 'st/14'], ['src/wire', 'src/letter'])
    """
    def __iter__(self) -> collections.abc.Iterator[Hop]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def cost(self) -> float:
        """
        The number of hops, or the sum of the weights.
        """
    @property
    def entities(self) -> list[Entity]:
        """
        The entities from the start to the end, one more than hops.
        """
    @property
    def hops(self) -> list[Hop]:
        """
        The hops; hops[i] leads from entities[i] to entities[i + 1].
        """
    @property
    def statements(self) -> list[Statement]:
        """
        The statement of each hop.
        """
class Result:
    """
    The rows a query returns. Iterating gives one tuple per row; values are Entity, Statement,
    TimePoint, Quantity, Text, str, int, float, bool, None or lists of them. ``to_pandas()`` and
    ``to_arrow()`` give tables of plain values.
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> result = g.query("MATCH (o)-[:develops]->(c:Chip) RETURN o.name AS developer, c.name AS chip")
    >>> result.columns, len(result)
    (['developer', 'chip'], 2)
    >>> list(result)
    [('Nvidia', 'H100'), ('Nvidia', 'H100')]
    >>> print(result)
    developer  chip
    ---------  ----
    Nvidia     H100
    Nvidia     H100
    (2 rows)
    <BLANKLINE>
    """
    def __getitem__(self, index: typing.SupportsInt | typing.SupportsIndex) -> tuple[typing.Any, ...]:
        ...
    def __iter__(self) -> collections.abc.Iterator[tuple[typing.Any, ...]]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def __str__(self) -> str:
        ...
    def _plain_columns(self) -> list[list[typing.Any]]:
        """
        The values column by column, plain: entities and statements by id, times as text, values as their amount, text, date text or truth value.
        """
    def _repr_html_(self) -> str:
        ...
    def _text_rows(self, limit: typing.SupportsInt | typing.SupportsIndex) -> list[list[str]]:
        """
        The first `limit` rows as the texts tables show.
        """
    def to_arrow(self) -> typing.Any:
        """
        The rows as a pyarrow.Table of the same plain values as ``to_pandas``.
        """
    def to_csv(self) -> str:
        """
        The rows as RFC 4180 CSV text, with a header line.
        """
    def to_dicts(self) -> list[dict[str, typing.Any]]:
        """
        Every row as a dict, column name to value.
        """
    def to_json(self) -> str:
        """
        The rows as a JSON array of objects.
        """
    def to_pandas(self) -> typing.Any:
        """
        The rows as a pandas.DataFrame of plain values: entities and statements by id, times as text,
        values of value nodes as their amount, text, date or truth value; lists stay lists.
        
        Examples
        --------
        >>> g = aikg.datasets.load("tiny")
        >>> g.query("MATCH (m)-[s:users]->(v) RETURN m, v.amount AS users, s.valid AS valid").to_pandas()
                  m       users valid
        0  model/r1  97000000.0  2025
        """
    @property
    def columns(self) -> list[str]:
        """
        The column names.
        """
    @property
    def rows(self) -> list[tuple[typing.Any, ...]]:
        """
        Every row, as a list of tuples.
        """
class _AtomicDirectory:
    """
    A directory of outputs replaced as one: write the files into ``path``, then ``commit()`` swaps it
    in; leaving the ``with`` block without committing removes it. An existing target may hold only the
    ``owned`` files (relative paths).
    """
    def __enter__(self) -> _AtomicDirectory:
        ...
    def __exit__(self, arg0: typing.Any, arg1: typing.Any, arg2: typing.Any) -> None:
        ...
    def __init__(self, target: os.PathLike | str | bytes, owned: collections.abc.Sequence[str]) -> None:
        ...
    def commit(self) -> None:
        """
        Swaps the written directory in.
        """
    @property
    def path(self) -> pathlib.Path:
        """
        Where to write the files.
        """
class TimelineEntry:
    """
    A statement of a Timeline, where it is placed and the label of its group.
    """
    def __repr__(self) -> str:
        ...
    @property
    def from_value(self) -> bool:
        """
        True when ``when`` is the statement's date value rather than its valid time.
        """
    @property
    def group(self) -> str:
        """
        "2024", "2024-Q2", "2024-03" by the grouping, the statement's own coarser period when it does
        not fit in one group ("2020s", "2023..2025"), or "" when ungrouped or undated.
        """
    @property
    def statement(self) -> Statement:
        ...
    @property
    def when(self) -> ValidTime | None:
        """
        Where the entry is placed (a ValidTime): the statement's valid time, or, for a statement without
        one whose value is a date (a release, an announcement), that date. None when undated.
        """
class Timeline:
    """
    The statements of a view in a date range, ordered by the first possible day of where they are
    placed (TimelineEntry.when), then by its last (the more precise first); see View.timeline.
    Iterates over TimelineEntry objects.
    """
    def __getitem__(self, index: typing.SupportsInt | typing.SupportsIndex) -> TimelineEntry:
        ...
    def __iter__(self) -> collections.abc.Iterator[TimelineEntry]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _records(self) -> list[dict[str, typing.Any]]:
        """
        The entries as dicts of plain values (the statements_frame columns, with the time the entry is
        placed at in ``valid``, ``valid_start``, ``valid_end`` and ``valid_precision``, and ``from_value``
        and ``group``).
        """
    def _repr_html_(self) -> str:
        ...
    def plot(self, *, ax: typing.Any = None, group_by: str | None = None) -> typing.Any:
        """
        Draws the dated entries with matplotlib (imported on first use), one row each, labelled with its
        claim in words ("DeepSeek-R1 · users · ≥ 97 million users"): a day or finer as a marker, a
        longer or imprecise period as a bar (hatched towards an open end), coloured by modality.
        
        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; by default a new figure whose height follows the number of rows.
        group_by : {None, "entity", "year"}
            Rows grouped under a bold header with a line between groups: by subject, or by the year the
            entry falls in (its own period when it spans years, as grouping="year" labels it).
        
        Returns
        -------
        matplotlib Axes
        """
    def to_pandas(self) -> typing.Any:
        """
        One row per entry as a pandas.DataFrame (pandas is imported on first use).
        """
    @property
    def grouping(self) -> str:
        """
        'none', 'year', 'quarter' or 'month'.
        """
    @property
    def statements(self) -> list[Statement]:
        """
        The statements, in timeline order.
        """
class SeriesPoint:
    """
    A value of a Series, with the growth derived from the previous one.
    """
    def __repr__(self) -> str:
        ...
    @property
    def derived_growth(self) -> float | None:
        """
        Growth in percent from the previous point of the same unit and precision, from the absolute
        values (amounts given exactly or approximately only), or None.
        """
    @property
    def growth_consistent(self) -> bool | None:
        """
        Whether the stated growth agrees with the derived one (within 1 point), or None.
        """
    @property
    def previous(self) -> Statement | None:
        ...
    @property
    def quantity(self) -> Quantity:
        """
        As stated: the unit labelled, never converted.
        """
    @property
    def stated_growth(self) -> Statement | None:
        """
        A growth statement for the same subject and an overlapping period, or None.
        """
    @property
    def statement(self) -> Statement:
        ...
class Series:
    """
    One subject's values of one metric over time (see View.series): dated points in time order,
    then undated ones. Iterates over SeriesPoint objects.
    """
    def __getitem__(self, index: typing.SupportsInt | typing.SupportsIndex) -> SeriesPoint:
        ...
    def __iter__(self) -> collections.abc.Iterator[SeriesPoint]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _records(self) -> list[dict[str, typing.Any]]:
        """
        The points as dicts of plain values (statements_frame columns, and the growth fields).
        """
    def _repr_html_(self) -> str:
        ...
    def plot(self, *, ax: typing.Any = None) -> typing.Any:
        """
        Plots the amounts over time with matplotlib (imported on first use); bounds are shown by the
        marker (``at_least`` ▲, ``at_most`` ▼, ``about`` ◇, exact ●) and ranges as error bars.
        Returns the Axes.
        """
    def to_pandas(self) -> typing.Any:
        """
        One row per entry as a pandas.DataFrame (pandas is imported on first use).
        """
    @property
    def metric(self) -> str:
        ...
    @property
    def subject(self) -> Entity:
        ...
    @property
    def units(self) -> list[str]:
        """
        The units that occur, in order of first use.
        """
class SeriesComparison:
    """
    Several series compared side by side (see View.compare_series). Iterates over Series objects.
    """
    def __getitem__(self, index: typing.SupportsInt | typing.SupportsIndex) -> Series:
        ...
    def __iter__(self) -> collections.abc.Iterator[Series]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _records(self) -> list[dict[str, typing.Any]]:
        """
        The points of every series, one after the other.
        """
    def _repr_html_(self) -> str:
        ...
    def plot(self, *, ax: typing.Any = None) -> typing.Any:
        """
        Plots every series on one Axes, which it returns.
        """
    def to_pandas(self) -> typing.Any:
        """
        One row per entry as a pandas.DataFrame (pandas is imported on first use).
        """
class Conflict:
    """
    Statements about the same subject, predicate and period whose values cannot all be true.
    ``current`` is the one from the most recently published source (None when publication dates
    cannot order them); the others stay in the graph.
    """
    def __repr__(self) -> str:
        ...
    @property
    def current(self) -> Statement | None:
        ...
    @property
    def statements(self) -> list[Statement]:
        ...
class Conflicts:
    """
    The conflicts of a view (see View.conflicts).
    """
    def __getitem__(self, index: typing.SupportsInt | typing.SupportsIndex) -> Conflict:
        ...
    def __iter__(self) -> collections.abc.Iterator[Conflict]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _records(self) -> list[dict[str, typing.Any]]:
        """
        One dict per statement of each conflict, with ``conflict`` (its number) and ``current``.
        """
    def _repr_html_(self) -> str:
        ...
    def to_pandas(self) -> typing.Any:
        """
        One row per entry as a pandas.DataFrame (pandas is imported on first use).
        """
class Change:
    """
    A statement that became known: ``kind`` is "added" (about something not claimed before) or
    "changed" (a new figure for what ``previous`` gave a value to).
    """
    def __repr__(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def previous(self) -> Statement | None:
        ...
    @property
    def statement(self) -> Statement:
        ...
class Changes:
    """
    What became known between two dates (see View.changes).
    """
    def __getitem__(self, index: typing.SupportsInt | typing.SupportsIndex) -> Change:
        ...
    def __iter__(self) -> collections.abc.Iterator[Change]:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _records(self) -> list[dict[str, typing.Any]]:
        """
        One dict per change: the statements_frame columns, ``change`` and ``previous`` (an id).
        """
    def _repr_html_(self) -> str:
        ...
    def to_pandas(self) -> typing.Any:
        """
        One row per entry as a pandas.DataFrame (pandas is imported on first use).
        """
    @property
    def after(self) -> str:
        ...
    @property
    def before(self) -> str:
        ...
class ImportReport:
    """
    What an import did: rows read, imported and skipped, entities created and matched, statements
    added and found unchanged, sources added, missing cells; for Wikidata, the unmapped properties
    and the deprecated claims left out.
    
    Examples
    --------
    >>> g = aikg.load("datasets/china-ai-2025-09.json")
    >>> report = g.import_table("tests/data/import/epoch-layout-a.csv", "datasets/mappings/epoch-notable-models.json")
    >>> report.rows, report.rows_skipped, report.statements_added
    (30, 0, 331)
    """
    def __repr__(self) -> str:
        ...
    @property
    def cells_missing(self) -> int:
        """
        Empty or missing-marked cells ('Unknown'): no statement was made of them.
        """
    @property
    def deprecated_claims(self) -> int:
        ...
    @property
    def entities_created(self) -> int:
        ...
    @property
    def entities_matched(self) -> int:
        """
        Distinct existing entities that rows were linked to.
        """
    @property
    def rows(self) -> int:
        """
        Rows (or Wikidata items) read.
        """
    @property
    def rows_imported(self) -> int:
        """
        Rows that went into the graph.
        """
    @property
    def rows_skipped(self) -> int:
        """
        Rows left out (skip_bad_rows=True).
        """
    @property
    def skipped(self) -> list[typing.Any]:
        """
        The problems of the rows left out (list of Diagnostic).
        """
    @property
    def sources_added(self) -> int:
        ...
    @property
    def statements_added(self) -> int:
        ...
    @property
    def statements_unchanged(self) -> int:
        """
        Statements already in the graph with the same id and content (a re-import).
        """
    @property
    def unmapped_properties(self) -> dict[str, int]:
        """
        Wikidata properties without a mapping → how many claims used them.
        """
    @property
    def unresolved_items(self) -> dict[str, int]:
        """
        Wikidata items that claims point to but that are neither in the input nor in the graph → how many claims were left out for each.
        """
class Candidate:
    """
    An entity a reference may mean, how it matched and how well.
    """
    def __repr__(self) -> str:
        ...
    @property
    def entity(self) -> Entity:
        ...
    @property
    def how(self) -> str:
        """
        'id', 'identifier', 'name', 'alias' or 'fuzzy'.
        """
    @property
    def matched(self) -> str:
        """
        The id, identifier, name or alias that matched.
        """
    @property
    def score(self) -> float:
        """
        1 for exact matches, below 1 for near names.
        """
class RowReconciliation:
    """
    What importing one row would link one of its entity references to (``Graph.reconcile``).
    
    Attributes
    ----------
    row : int
        0-based row of the table.
    line : int
        The row's line in the CSV file (1-based row number for a DataFrame or Arrow table).
    entity : str
        The mapping's entity rule ("model", "organization").
    text : str
        What the row says: the name, or without one the id.
    id : str or None
        The matched entity's id, or the id a new entity would get.
    outcome : str
        'matched', 'new', 'ambiguous' or 'unknown' (a find-only rule that finds nothing).
    candidates : list of Candidate
        The matched entity, the ambiguous candidates, or near names proposed for a new one.
    """
    def __repr__(self) -> str:
        ...
    @property
    def candidates(self) -> list[Candidate]:
        ...
    @property
    def entity(self) -> str:
        ...
    @property
    def id(self) -> str | None:
        ...
    @property
    def line(self) -> int:
        ...
    @property
    def outcome(self) -> str:
        ...
    @property
    def row(self) -> int:
        ...
    @property
    def text(self) -> str:
        ...
def load(*args: os.PathLike | str | bytes) -> Graph:
    """
    Loads graph files into a new Graph, as one batch (see ``Graph.load``).
    
    Parameters
    ----------
    *paths : str or os.PathLike
        Graph files (docs/json-format.md), or one binary snapshot (``.aikgb``, docs/snapshot.md)
        alone; the schema is the one the first file names.
    
    Returns
    -------
    Graph
    
    Raises
    ------
    FileNotFoundError
        When a file does not exist.
    ValidationError
        When a file breaks the format or the schema, with every problem in ``diagnostics``.
    
    Examples
    --------
    >>> g = aikg.datasets.load("tiny")
    >>> g.entity("DeepSeek").id
    'org/deepseek'
    """
_STATEMENT_COLUMNS: tuple = ('id', 'subject', 'predicate', 'kind', 'object', 'value', 'amount', 'unit', 'bound', 'lower', 'upper', 'text', 'lang', 'date', 'boolean', 'valid', 'valid_start', 'valid_end', 'valid_precision', 'period', 'modality', 'sources', 'locators', 'confidence', 'qualifiers')
__version__: str = '0.1.0'

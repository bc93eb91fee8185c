"""The RDF exports read by real RDF tools (docs/rdf.md).

rdflib reads every syntax and finds the same graph; pyld checks the JSON-LD; the ontology is read as
RDFS; the SPARQL queries of docs/rdf.md run under pyoxigraph and give the rows aikg's own query
language gives for the golden query they translate; Turtle and N-Triples come back losslessly.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

import aikg
from conftest import NEWSLETTER, REPOSITORY, TEST_DATA
from test_query import GoldenCase, read_golden

FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "jsonld": "json-ld"}
SUFFIX = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "jsonld": "jsonld"}

BASE = "https://aikg.invalid/graph/"
AIKG = Namespace("https://aikg.invalid/vocab#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
TYPE = Namespace(BASE + "type/")
DIRECT = Namespace(BASE + "prop/direct/")
PS = Namespace(BASE + "prop/statement/")
PSV = Namespace(BASE + "prop/statement/value/")
ATTR = Namespace(BASE + "attribute/")

RDF_DOC = REPOSITORY / "docs" / "rdf.md"


def entity(id_: str) -> URIRef:
    return URIRef(BASE + "entity/" + id_)


def statement(id_: str) -> URIRef:
    return URIRef(BASE + "statement/" + id_)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, tiny: aikg.Graph, newsletter: aikg.Graph) -> dict[str, Path]:
    """tiny.<suffix> and newsletter.<suffix> in every RDF syntax."""
    out = tmp_path_factory.mktemp("rdf")
    files = {}
    for name, graph in (("tiny", tiny), ("newsletter", newsletter)):
        for format_name, suffix in SUFFIX.items():
            files[f"{name}.{suffix}"] = out / f"{name}.{suffix}"
            graph.export(files[f"{name}.{suffix}"], format=format_name)
    return files


def read_dataset(path: Path) -> rdflib.Dataset:
    """An N-Quads file in rdflib (whose N-Quads reader warns of its own deprecated calls)."""
    dataset = rdflib.Dataset()
    with warnings.catch_warnings(), path.open("rb") as file:
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(file, format="nquads")
    return dataset


def read(path: Path, format_name: str) -> rdflib.Graph:
    """The triples of a file; for N-Quads, of all its graphs."""
    if format_name == "nquads":
        dataset = read_dataset(path)
        union = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    graph = rdflib.Graph()
    with warnings.catch_warnings():  # rdflib's JSON-LD reader warns of its own deprecated calls
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(path, format=FORMATS[format_name])
    return graph


# ---- Every syntax, the same graph ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["tiny", "newsletter"])
def test_every_syntax_reads_as_the_same_graph(name: str, exported: dict[str, Path]) -> None:
    lines = exported[f"{name}.nt"].read_text(encoding="utf-8").splitlines()
    reference = read(exported[f"{name}.nt"], "ntriples")
    assert len(reference) == len(set(lines))  # one triple per line; parallel claims share direct triples
    for format_name, suffix in SUFFIX.items():
        graph = read(exported[f"{name}.{suffix}"], format_name)
        assert len(graph) == len(reference), format_name
        assert isomorphic(graph, reference), format_name


def test_triple_counts_follow_the_graph(exported: dict[str, Path], newsletter: aikg.Graph) -> None:
    graph = read(exported["newsletter.ttl"], "turtle")
    summary = newsletter.summary()
    statements = set(graph.subjects(RDF.type, AIKG.Statement))
    assert len(statements) == summary["statements"]
    assert len(set(graph.subjects(RDF.type, AIKG.Source))) == summary["sources"]
    entities = {s for s in graph.subjects(AIKG.id, None) if str(s).startswith(BASE + "entity/")}
    assert len(entities) == summary["entities"]
    # One citation node per citation, one value node per quantity or date.
    citations = sum(len(s.citations) for s in newsletter.statements())
    assert len(set(graph.subjects(RDF.type, PROV.Derivation))) == citations
    values = [s for s in newsletter.statements() if s.kind in ("quantity", "date")]
    assert len(set(graph.subjects(RDF.type, AIKG.QuantityValue))) + len(
        set(graph.subjects(RDF.type, AIKG.TimeValue))
    ) == len(values)
    # Each statement node has its direct triple.
    direct = {(s, p, o) for s, p, o in graph if str(p).startswith(str(DIRECT))}
    expected_direct = set()
    for node in statements:
        subject = graph.value(node, AIKG.subject)
        predicate = graph.value(node, AIKG.predicate)
        value = graph.value(node, URIRef(str(predicate).replace(str(DIRECT), str(PS))))
        expected_direct.add((subject, predicate, value))
    assert direct == expected_direct


def test_a_sample_of_claims(exported: dict[str, Path]) -> None:
    graph = read(exported["tiny.ttl"], "turtle")
    # st/5: DeepSeek-R1 passed 97 million users in 2025.
    st5 = statement("st/5")
    assert (entity("model/r1"), DIRECT.users, Literal(Decimal(97000000))) in graph
    value = graph.value(st5, PSV.users)
    assert graph.value(value, AIKG.amount) == Literal(Decimal(97000000))
    assert graph.value(value, AIKG.bound) == Literal("at_least")
    assert graph.value(value, AIKG.unit) == URIRef(BASE + "unit/users")
    assert graph.value(st5, AIKG.validStart) == Literal("2025-01-01", datatype=XSD.date)
    assert graph.value(st5, AIKG.validEnd) == Literal("2025-12-31", datatype=XSD.date)
    # st/6: two sources, the wire with its locator, relayed by the letter.
    st6 = statement("st/6")
    assert set(graph.objects(st6, PROV.wasDerivedFrom)) == {
        URIRef(BASE + "source/src/wire"),
        URIRef(BASE + "source/src/letter"),
    }
    citations = {graph.value(c, PROV.entity): graph.value(c, AIKG.locator) for c in graph.objects(st6, PROV.qualifiedDerivation)}
    assert citations[URIRef(BASE + "source/src/wire")] == Literal("post")
    assert graph.value(URIRef(BASE + "source/src/wire"), AIKG.via) == URIRef(BASE + "source/src/letter")
    # st/4's qualifier; st/8's text with its language; st/10's truth value.
    assert graph.value(statement("st/4"), URIRef(BASE + "prop/qualifier/comparison")) == Literal("year over year")
    assert graph.value(statement("st/8"), PS.slogan) == Literal("Vers l’ère des agents 🚀", lang="fr")
    assert graph.value(statement("st/10"), PS.open_source) == Literal(True)
    # Alibaba's aliases and typed attributes.
    alibaba = entity("org/alibaba")
    assert set(graph.objects(alibaba, SKOS.altLabel)) == {Literal("阿里巴巴", lang="zh"), Literal("Alibaba", lang="en")}
    assert graph.value(alibaba, ATTR.employees) == Literal(204891)
    assert graph.value(alibaba, ATTR.founded) == Literal("1999", datatype=XSD.gYear)
    assert graph.value(alibaba, ATTR.listed) == Literal(True)
    assert graph.value(alibaba, RDF.type) == TYPE.Company


# ---- JSON-LD ------------------------------------------------------------------------------------


def test_json_ld_is_json_ld_1_1(exported: dict[str, Path]) -> None:
    pyld = pytest.importorskip("pyld")
    document = json.loads(exported["tiny.jsonld"].read_text(encoding="utf-8"))
    assert set(document) == {"@context", "@graph"}
    expanded = pyld.jsonld.expand(document, {"processingMode": "json-ld-1.1"})
    assert len(expanded) == len(document["@graph"])  # every node object expands
    nquads = pyld.jsonld.to_rdf(document, {"format": "application/n-quads", "processingMode": "json-ld-1.1"})
    from_pyld = rdflib.Graph().parse(data=nquads, format="nt")
    assert isomorphic(from_pyld, read(exported["tiny.nt"], "ntriples"))


# ---- The ontology as RDFS -----------------------------------------------------------------------


def test_the_ontology_reads_as_rdfs(exported: dict[str, Path], tiny: aikg.Graph) -> None:
    dataset = read_dataset(exported["tiny.nq"])
    ontology = dataset.graph(URIRef(BASE + "ontology"))
    schema = tiny.schema
    assert schema is not None
    classes = set(ontology.subjects(RDF.type, RDFS.Class))
    for type_name in ("Organization", "Company", "Country", "Chip", "AIModel"):
        assert TYPE[type_name] in classes
    assert (TYPE.Company, RDFS.subClassOf, TYPE.Organization) in ontology
    assert (TYPE.Organization, RDFS.subClassOf, AIKG.Entity) in ontology
    # Every type reaches aikg:Entity.
    for type_iri in (c for c in classes if str(c).startswith(str(TYPE))):
        assert AIKG.Entity in set(ontology.transitive_objects(type_iri, RDFS.subClassOf))
    # Predicates with their domain and range.
    assert ontology.value(DIRECT.develops, RDFS.domain) == TYPE.Organization
    assert ontology.value(DIRECT.develops, RDFS.range) == AIKG.Entity  # Chip or AIModel
    schema_org = Namespace("http://schema.org/")
    assert set(ontology.objects(DIRECT.develops, schema_org.rangeIncludes)) == {TYPE.Chip, TYPE.AIModel}
    assert ontology.value(DIRECT.located_in, RDFS.range) == TYPE.Country
    assert ontology.value(DIRECT.revenue, RDFS.range) == XSD.decimal
    assert set(ontology.objects(DIRECT.revenue, AIKG.allowedUnit)) == {URIRef(BASE + "unit/USD"), URIRef(BASE + "unit/CNY")}
    assert ontology.value(DIRECT.revenue_growth, AIKG.growthOf) == DIRECT.revenue
    # Every property used in the data is declared.
    data = dataset.graph(URIRef(BASE))
    declared = set(ontology.subjects(RDF.type, RDF.Property))
    foreign = ("http://www.w3.org/", "http://schema.org/")
    for predicate in set(data.predicates()):
        qualifier = str(predicate).startswith(BASE + "prop/qualifier/")
        assert qualifier or str(predicate).startswith(foreign) or predicate in declared, predicate


def test_the_vocabulary_table_of_the_doc_lists_every_term(exported: dict[str, Path]) -> None:
    graph = read(exported["tiny.ttl"], "turtle")
    terms = {str(s)[len(str(AIKG)) :] for s in graph.subjects(RDF.type, RDF.Property) if str(s).startswith(str(AIKG))}
    documented = set(re.findall(r"`aikg:([a-zA-Z]+)`", RDF_DOC.read_text(encoding="utf-8")))
    assert terms <= documented, terms - documented


# ---- The SPARQL of docs/rdf.md, against aikg's query language -----------------------------------


def _doc_blocks(kind: str) -> Iterator[tuple[str, str]]:
    """(marker, text) of each ```kind block of docs/rdf.md preceded by a `<!-- marker -->` line."""
    text = RDF_DOC.read_text(encoding="utf-8")
    for match in re.finditer(rf"<!-- (.+?) -->\n```{kind}\n(.*?)```", text, re.S):
        yield match.group(1), match.group(2)


def _prefixes() -> str:
    text = RDF_DOC.read_text(encoding="utf-8")
    blocks: list[str] = re.findall(r"```sparql\n(.*?)```", text, re.S)
    return next(block for block in blocks if block.startswith("PREFIX"))


def _select(store: pyoxigraph.Store, query: str, union: bool = False) -> pyoxigraph.QuerySolutions:
    solutions = store.query(query, use_default_graph_as_union=union)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return solutions


def _golden_case(dataset: str, name: str) -> GoldenCase:
    found_dataset, cases = read_golden(REPOSITORY / "tests" / "golden" / "query" / f"{dataset}.test")
    assert found_dataset == dataset
    return next(case for case in cases if case.name == name)


SPARQL_CASES = [
    pytest.param(marker.split(": ", 2)[1], marker.split(": ", 2)[2], query, id=marker)
    for marker, query in _doc_blocks("sparql")
    if marker.startswith("golden: ")
]


def test_the_doc_translates_enough_golden_queries() -> None:
    assert len(SPARQL_CASES) >= 8
    text = RDF_DOC.read_text(encoding="utf-8")
    for needed in ("AS OF", "KNOWN AT", "modality", "aikg:via", "series"):
        assert needed in text


def _cell(value: object) -> object:
    """A cell in a comparable form: numbers as Decimal, the rest as text."""
    text = value.value if isinstance(value, (pyoxigraph.Literal, pyoxigraph.NamedNode)) else str(value)
    try:
        return Decimal(text).normalize()
    except ArithmeticError:
        return text


@pytest.fixture(scope="module")
def stores(exported: dict[str, Path]) -> dict[str, pyoxigraph.Store]:
    out = {}
    for name in ("tiny", "newsletter"):
        store = pyoxigraph.Store()
        store.load(path=str(exported[f"{name}.ttl"]), format=pyoxigraph.RdfFormat.TURTLE)
        out[name] = store
    return out


@pytest.mark.parametrize(("dataset", "name", "sparql"), SPARQL_CASES)
def test_sparql_gives_what_aikg_gives(
    dataset: str, name: str, sparql: str, stores: dict[str, pyoxigraph.Store], tiny: aikg.Graph,
    newsletter: aikg.Graph,
) -> None:  # fmt: skip
    case = _golden_case(dataset, name)
    result = (tiny if dataset == "tiny" else newsletter).query(case.query, case.parameters)
    rows = result._text_rows(len(result))
    ours = [tuple(_cell(cell) for cell in row) for row in rows]
    if "ORDER BY" in case.query:  # aikg still answers what the golden file says
        assert ["|".join(row) for row in rows] == case.rows
    else:
        assert sorted("|".join(row) for row in rows) == sorted(case.rows)
    solutions = _select(stores[dataset], _prefixes() + sparql)
    variables = [variable.value for variable in solutions.variables]
    theirs = [tuple(_cell(solution[v]) for v in variables) for solution in solutions]
    assert len(ours) > 0
    if "ORDER BY" in case.query:
        assert theirs == ours
    else:
        assert sorted(theirs, key=str) == sorted(ours, key=str)


def test_sparql_over_n_quads_needs_the_union_of_graphs(exported: dict[str, Path]) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(exported["tiny.nq"]), format=pyoxigraph.RdfFormat.N_QUADS)
    query = _prefixes() + "SELECT ?id WHERE { ?o a/rdfs:subClassOf* type:Organization ; aikg:id ?id }"
    assert len(list(_select(store, query))) == 0  # the default graph is empty
    assert len(list(_select(store, query, union=True))) == 3


def test_the_turtle_of_the_doc_is_what_aikg_writes(exported: dict[str, Path]) -> None:
    written = exported["tiny.ttl"].read_text(encoding="utf-8")
    blocks = [text for marker, text in _doc_blocks("turtle") if marker.startswith("turtle: ")]
    assert len(blocks) == 2
    for block in blocks:
        assert block in written
        prefixes = "".join(line + "\n" for line in written.splitlines() if line.startswith("@prefix"))
        assert len(rdflib.Graph().parse(data=prefixes + block, format="turtle")) > 5


# ---- Base IRI and ids ---------------------------------------------------------------------------


def test_base_iri_and_ids_that_need_encoding(tmp_path: Path) -> None:
    document = json.loads((TEST_DATA / "tiny.json").read_text(encoding="utf-8"))
    document["schema"] = str(TEST_DATA / "tiny.schema.json")
    ids = ["org/a b", "org/a%20b", "org/a+b", "org/a#b", "org/é", "org/%C3%A9", "x/../y", "x/%2E%2E/y"]
    for id_ in ids:
        document["entities"].append({"id": id_, "type": "Company", "name": id_})
    (tmp_path / "ids.json").write_text(json.dumps(document), encoding="utf-8")
    graph = aikg.load(tmp_path / "ids.json")
    out = tmp_path / "ids.nt"
    graph.export(out, format="ntriples", base_iri="https://example.org/ai/")
    triples = rdflib.Graph().parse(out, format="nt")
    iris = {str(s): str(o) for s, o in triples.subject_objects(AIKG.id) if "/entity/" in str(s)}
    assert sorted(iris.values()) == sorted(e.id for e in graph.entities())  # one IRI per id
    assert iris["https://example.org/ai/entity/org/a%20b"] == "org/a b"
    assert iris["https://example.org/ai/entity/org/a%2520b"] == "org/a%20b"
    assert iris["https://example.org/ai/entity/x/%2E%2E/y"] == "x/../y"
    copy = aikg.Graph(schema=TEST_DATA / "tiny.schema.json")
    copy.import_file(out, format="ntriples")
    assert sorted(e.id for e in copy.entities()) == sorted(e.id for e in graph.entities())
    with pytest.raises(aikg.ValidationError, match="must end with '/' or '#'"):
        graph.export(out, format="turtle", base_iri="https://example.org/ai")


# ---- Round trips --------------------------------------------------------------------------------


@pytest.mark.parametrize("format_name", ["turtle", "ntriples"])
def test_export_import_export_gives_the_same_bytes(format_name: str, newsletter: aikg.Graph, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    newsletter.export(first, format=format_name)
    copy = aikg.Graph(schema=REPOSITORY / "datasets" / "ai-industry.schema.json")
    copy.import_file(first, format=format_name)
    copy.export(second, format=format_name)
    assert second.read_bytes() == first.read_bytes()
    base = Path(NEWSLETTER).parent
    assert copy.to_json(base_dir=base) == newsletter.to_json(base_dir=base)


def test_import_errors_say_where(tmp_path: Path, tiny: aikg.Graph) -> None:
    good = tmp_path / "good.ttl"
    tiny.export(good, format="turtle")
    text = good.read_text(encoding="utf-8").replace('aikg:modality "claim"', 'aikg:modality "rumour"', 1)
    bad = tmp_path / "bad.ttl"
    bad.write_text(text, encoding="utf-8")
    copy = aikg.Graph(schema=TEST_DATA / "tiny.schema.json")
    with pytest.raises(aikg.ValidationError) as raised:
        copy.import_file(bad, format="turtle")
    [problem] = raised.value.diagnostics
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"rumour"' in row)
    assert (problem.line, problem.column) == (line, 19)
    assert "unknown modality 'rumour'" in str(problem)
    assert copy.statement_count == 0


def test_the_command_line_writes_rdf(tmp_path: Path) -> None:
    out = tmp_path / "tiny.jsonld"
    command = [sys.executable, "-m", "aikg", "export", str(TEST_DATA / "tiny.json"), "--format", "jsonld"]
    done = subprocess.run([*command, "--base-iri", "urn:example:kg#", "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["@context"]["type"] == "urn:example:kg#type/"


# ---- At scale -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_large_graph_round_trips_and_reads_in_rdflib(tmp_path: Path) -> None:
    """20 000 statements: streamed out, read back without loss, and read by rdflib."""
    count = 20_000
    document = {
        "format": "aikg-graph/1",
        "schema": str(TEST_DATA / "tiny.schema.json"),
        "sources": [{"id": "src/s", "kind": "report", "published": "2025-09"}],
        "entities": [{"id": f"org/{i}", "type": "Company", "name": f"Company {i}"} for i in range(1000)]
        + [{"id": f"chip/{i}", "type": "Chip", "name": f"Chip {i}"} for i in range(1000)],
        "statements": [
            {"id": f"st/{i}", "subject": f"org/{i % 1000}", "predicate": "develops", "object": f"chip/{i * 7 % 1000}",
             "valid": f"{2000 + i % 25}", "modality": "reported", "sources": [{"source": "src/s", "locator": f"p. {i}"}]}
            if i % 2 else
            {"id": f"st/{i}", "subject": f"org/{i % 1000}", "predicate": "revenue",
             "value": {"amount": i * 1.5, "unit": "USD", "bound": "about"}, "valid": f"{2000 + i % 25}-Q{1 + i % 4}",
             "modality": "forecast", "sources": [{"source": "src/s"}], "confidence": 0.5}
            for i in range(count)
        ],
    }  # fmt: skip
    (tmp_path / "large.json").write_text(json.dumps(document), encoding="utf-8")
    graph = aikg.load(tmp_path / "large.json")
    first, second = tmp_path / "large.nt", tmp_path / "again.nt"
    graph.export(first, format="ntriples")
    copy = aikg.Graph(schema=TEST_DATA / "tiny.schema.json")
    copy.import_file(first, format="ntriples")
    copy.export(second, format="ntriples")
    assert second.read_bytes() == first.read_bytes()
    triples = rdflib.Graph().parse(first, format="nt")
    assert len(set(triples.subjects(RDF.type, AIKG.Statement))) == count

"""``python -m aikg export``: the command line's export, in Python.

    python -m aikg export FILE... --format FORMAT -o PATH [--as-of DATE] [--known-at DATE]
                          [--type TYPE]... [--around ENTITY]... [--hops N] [--links]
                          [--group-by predicate|modality] [--title TEXT] [--base-iri IRI] [--progress]

It takes the options of ``aikg export`` (docs/export.md), exits with its codes (0 success,
1 invalid input, 2 usage error, 3 output not written) and adds nothing; the C++ tool runs it
for ``--format parquet``, which needs pyarrow (Debian has no Arrow C++).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import aikg

EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_CANNOT_WRITE = 3

FORMATS = [
    "node-link", "jgf", "cytoscape", "graphml", "gexf", "dot", "timelinejs", "csv", "parquet", "html",
    "turtle", "ntriples", "nquads", "jsonld",
]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m aikg", description="aikg from Python")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="Write the graph in another tool's format (docs/export.md)")
    export.add_argument("files", nargs="+", help="Graph files (JSON)")
    export.add_argument("--format", required=True, choices=FORMATS, help="Output format")
    export.add_argument("-o", "--output", required=True, help="Output file (for csv and parquet: a directory)")
    export.add_argument("--as-of", help="Only statements that may hold on this date")
    export.add_argument("--known-at", help="Only statements published by this date")
    export.add_argument("--type", action="append", default=[], help="Only entities of this type; repeatable")
    export.add_argument("--around", action="append", default=[], help="Only the neighbourhood of this entity")
    export.add_argument("--hops", type=int, default=2, help="--around: how many steps from the entities")
    export.add_argument("--title", default="", help="html: the page's title")
    export.add_argument("--links", action="store_true", help="node-link: name the edge list 'links'")
    export.add_argument("--group-by", default="predicate", choices=["predicate", "modality"])
    export.add_argument("--base-iri", help="RDF formats: the IRI that ids become IRIs under (docs/rdf.md)")
    export.add_argument("--spreadsheet-safe", action="store_true",
                        help="csv: prefix texts starting with = + - @ with an apostrophe (not used by parquet)")
    export.add_argument("--progress", action="store_true", help="Report progress on stderr")
    return parser


def _report_progress(done: int, total: int) -> None:
    print(f"export: {done} of {total} entities and statements written", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        graph = aikg.load(*arguments.files)
    except aikg.ValidationError as error:
        for problem in [str(diagnostic) for diagnostic in error.diagnostics] or [str(error)]:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except FileNotFoundError as error:
        print(f"{error.filename}: no such file", file=sys.stderr)
        return EXIT_USAGE

    view: aikg.View = graph
    for option, narrow in (("as_of", aikg.View.as_of), ("known_at", aikg.View.known_at)):
        value = getattr(arguments, option)
        if value is None:
            continue
        try:
            view = narrow(view, value)
        except aikg.ValidationError as error:
            print(f"--{option.replace('_', '-')}: {error}", file=sys.stderr)
            return EXIT_USAGE

    try:
        if arguments.type:
            view = view.view(types=arguments.type)
        if arguments.around:
            view = view.ego(arguments.around, hops=arguments.hops)
    except (aikg.ValidationError, KeyError) as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE

    progress = _report_progress if arguments.progress or sys.stderr.isatty() else None
    try:
        view.export(arguments.output, format=arguments.format, links=arguments.links,
                    group_by=arguments.group_by, title=arguments.title, base_iri=arguments.base_iri,
                    spreadsheet_safe=arguments.spreadsheet_safe,
                    progress=progress)  # fmt: skip
    except ImportError as error:  # pyarrow, for parquet
        print(error, file=sys.stderr)
        return EXIT_CANNOT_WRITE
    except aikg.ValidationError as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    except aikg.Error as error:
        print(error, file=sys.stderr)
        return EXIT_CANNOT_WRITE
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Renders the statements of an aikg graph file as a Markdown table.

Usage:
  python3 scripts/datasets_table.py datasets/china-ai-2025-09.json
      prints the table on standard output;
  python3 scripts/datasets_table.py datasets/china-ai-2025-09.json --write docs/datasets.md
      replaces the text between the markers
      <!-- BEGIN statements: china-ai-2025-09.json --> and <!-- END statements: china-ai-2025-09.json -->
      in that Markdown file with a fresh table;
  python3 scripts/datasets_table.py datasets/china-ai-2025-09.json --check docs/datasets.md
      exits 1 when that block is not the fresh table (the tests run this).

Only the Python standard library is needed.
"""

import argparse
import json
import os
import sys

BOUND_SIGNS = {"exact": "", "at_least": "≥ ", "at_most": "≤ ", "about": "≈ "}


def format_amount(amount):
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    if isinstance(amount, int):
        return f"{amount:,}"
    return repr(amount)


def format_value(value):
    if "amount" in value:
        text = BOUND_SIGNS[value.get("bound", "exact")] + format_amount(value["amount"]) + " " + value["unit"]
        if "lower" in value or "upper" in value:
            text += f" (range {format_amount(value.get('lower', '…'))}–{format_amount(value.get('upper', '…'))})"
        return text
    if "text" in value:
        return "“" + value["text"] + "”"
    if "date" in value:
        return value["date"]
    if "boolean" in value:
        return "true" if value["boolean"] else "false"
    return json.dumps(value, ensure_ascii=False)


def format_valid(valid, period=None):
    """The valid time as aikg writes it in text ("2025-Q2", "2022..", "..2025-09"), then the
    reporting period when the statement names one."""
    if valid is None:
        text = ""
    elif isinstance(valid, dict):
        text = f"{valid.get('from', '')}..{valid.get('to', '')}"
    else:
        text = valid
    if period:
        text += f" <br>*period: {period}*"
    return text


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(graph_path):
    with open(graph_path, encoding="utf-8") as f:
        graph = json.load(f)
    names = {e["id"]: e["name"] for e in graph.get("entities", [])}
    sources = {s["id"]: s for s in graph.get("sources", [])}

    def source_label(ref):
        source = sources.get(ref["source"], {})
        label = source.get("publisher") or source.get("author") or ref["source"]
        if source.get("kind") == "newsletter":
            label = "newsletter"
        if ref.get("locator"):
            label += f" ({ref['locator']})"
        return label

    lines = [
        "| # | id | subject | predicate | object or value | valid | modality | sources |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for number, st in enumerate(graph.get("statements", []), 1):
        if "object" in st:
            target = names.get(st["object"], st["object"])
        else:
            target = format_value(st["value"])
        qualifiers = st.get("qualifiers")
        if qualifiers:
            target += " <br>*" + "; ".join(f"{k}: {v}" for k, v in qualifiers.items()) + "*"
        row = [
            number,
            "`" + st["id"] + "`",
            names.get(st["subject"], st["subject"]),
            st["predicate"],
            target,
            format_valid(st.get("valid"), st.get("period")),
            st["modality"],
            "; ".join(source_label(ref) for ref in st["sources"]),
        ]
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph", help="aikg graph JSON file")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--write", metavar="MARKDOWN", help="Markdown file whose marked block is replaced")
    target.add_argument("--check", metavar="MARKDOWN", help="Markdown file whose marked block must be up to date")
    args = parser.parse_args()
    table = render(args.graph)
    markdown = args.write or args.check
    if not markdown:
        sys.stdout.write(table)
        return 0
    name = os.path.basename(args.graph)
    begin = f"<!-- BEGIN statements: {name} -->"
    end = f"<!-- END statements: {name} -->"
    with open(markdown, encoding="utf-8") as f:
        text = f.read()
    start, stop = text.find(begin), text.find(end)
    if start < 0 or stop < start:
        print(f"{markdown}: markers '{begin}' … '{end}' not found", file=sys.stderr)
        return 1
    fresh = text[: start + len(begin)] + "\n" + table + text[stop:]
    if args.check:
        if fresh != text:
            print(f"{markdown} is out of date: run scripts/datasets_table.py {args.graph} --write {markdown}",
                  file=sys.stderr)
            return 1
        return 0
    with open(markdown, "w", encoding="utf-8") as f:
        f.write(fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The exceptions aikg raises, and the diagnostics of a rejected input.

The extension module raises these from one place (``errors_py.cc``): an unknown id or name
raises the built-in :class:`KeyError`; bad input (a file that breaks the format or the schema,
a query that does not parse, an unknown type or predicate in a filter) raises
:class:`ValidationError`; anything else raises :class:`Error`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

__all__ = ["Diagnostic", "Error", "ValidationError"]


@dataclasses.dataclass(frozen=True)
class Diagnostic:
    """One problem found in an input, and where it is.

    Attributes
    ----------
    file : str
        The file as it was given, or a label such as ``"<string>"``.
    line, column : int or None
        1-based position (the column counts bytes), None when unknown.
    json_pointer : str or None
        RFC 6901 pointer to the offending value (``"/statements/3/value/unit"``), None when
        unknown.
    message : str
        What is wrong.
    column_name : str or None
        For a row of a table: the column, named where ``column`` would be.
    pointer_file : str or None
        The file ``json_pointer`` points into when it is not ``file`` (a table row's problem
        points into the mapping that read it).

    Examples
    --------
    >>> import aikg
    >>> d = aikg.Diagnostic("data.json", 41, 18, "/statements/3/value/unit", "unit 'EUR' is not allowed")
    >>> str(d)
    "data.json:41:18: unit 'EUR' is not allowed (at /statements/3/value/unit)"
    >>> str(aikg.Diagnostic("t.csv", 14, None, "/statements/2/quantity", "'12 B' is not a number",
    ...                     column_name="Parameters", pointer_file="m.json"))
    "t.csv:14:Parameters: '12 B' is not a number (at m.json#/statements/2/quantity)"
    """

    file: str
    line: int | None
    column: int | None
    json_pointer: str | None
    message: str
    column_name: str | None = None
    pointer_file: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column_name is not None:
                where += f":{self.column_name}"
            elif self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}" if where else self.message
        if self.json_pointer or self.pointer_file:
            pointer_file = f"{self.pointer_file}#" if self.pointer_file else ""
            text += f" (at {pointer_file}{self.json_pointer or ''})"
        return text


class Error(Exception):
    """Base class of the errors aikg raises (other than :class:`KeyError`)."""


class ValidationError(Error, ValueError):
    """Input that aikg rejects: a graph or schema file, a query, a filter, a time.

    Attributes
    ----------
    diagnostics : list of Diagnostic
        For loads: every problem of every file, each with its file, line, column and JSON
        pointer. Empty for other errors.
    line, column : int or None
        Where the error is: in the query text for query errors, else that of the first
        diagnostic; None when unknown.

    Examples
    --------
    >>> import aikg
    >>> try:
    ...     aikg.datasets.load("tiny").query("MATCH (n RETURN n")
    ... except aikg.ValidationError as error:
    ...     print(error.line, error.column)
    1 10
    """

    def __init__(
        self,
        message: str,
        diagnostics: Iterable[Diagnostic] = (),
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        if line is None and self.diagnostics:
            line, column = self.diagnostics[0].line, self.diagnostics[0].column
        self.line: int | None = line
        self.column: int | None = column

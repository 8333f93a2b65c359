"""Every error a user can meet has one stable code, listed in the table of ``amity/errors.py``."""

from __future__ import annotations

import inspect
import re

import amity
import amity.errors as errors_module
from amity.errors import ERRORS, AmityError, FieldProblem, ReadProblem, UsageError, for_http_status


def test_every_error_class_is_listed_with_a_distinct_code() -> None:
    defined = {cls for _, cls in inspect.getmembers(errors_module, inspect.isclass)
               if issubclass(cls, AmityError)}
    assert defined == set(ERRORS)
    codes = [cls.code for cls in ERRORS]
    assert len(set(codes)) == len(codes) and all(re.fullmatch(r"E\d{3}", c) for c in codes)


def test_the_docstring_table_gives_each_code_its_class_exit_status_and_http_status() -> None:
    rows = re.findall(r"^(E\d{3})\s+(\w+)\s+(\d+)\s+(\d+)\s", errors_module.__doc__ or "", re.M)
    table = {code: (name, int(exit_code), int(status)) for code, name, exit_code, status in rows}
    assert table == {cls.code: (cls.__name__, cls.exit_code, cls.http_status) for cls in ERRORS}


def test_no_exception_class_is_defined_outside_errors_py() -> None:
    from pathlib import Path

    root = Path(amity.__file__).parent
    pattern = re.compile(r"^class \w+\((?:\w+Error|\w*Exception|AmityError|\w+Problem)\b", re.M)
    outside = [str(p.relative_to(root)) for p in root.rglob("*.py")
               if p.name != "errors.py" and pattern.search(p.read_text(encoding="utf-8"))]
    assert outside == []


def test_input_problems_keep_their_message_and_line() -> None:
    problem = ReadProblem("empty file", 3)
    assert (str(problem), problem.line, problem.code) == ("empty file", 3, "E202")
    assert isinstance(FieldProblem('missing "id"'), ValueError)


def test_http_statuses_map_to_the_class_answering_them() -> None:
    assert for_http_status(404).code == "E302" and for_http_status(400) is UsageError
    assert for_http_status(418) is AmityError

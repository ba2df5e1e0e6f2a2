"""folio-papermill's translator on its own (no kernel needed)."""
from __future__ import annotations

import nbformat
import pytest
from papermill.translators import papermill_translators

import folio_papermill

pytestmark = pytest.mark.no_folio


def translate(value) -> str:
    return folio_papermill.FolioTranslator.translate(value)


def test_the_plain_papermill_registry_knows_folio():
    import papermill  # noqa: F401  (importing papermill loads the entry point)

    assert papermill_translators.find_translator("folio", "folio") is folio_papermill.FolioTranslator
    assert papermill_translators.find_translator("some-folio-kernel", "folio") is folio_papermill.FolioTranslator


@pytest.mark.parametrize("value, expected", [
    (None, "nil"),
    (True, "true"),
    (False, "false"),
    (0, "0"),
    (-42, "-42"),
    (2.5, "2.5"),
    (3.0, "3.0"),
    (1e-05, "1.0e-5"),
    (1.5e300, "1.5e300"),
    ("plain", '"plain"'),
    ('quote " and backslash \\', '"quote \\" and backslash \\\\"'),
    ("\\(x)", '"\\\\(x)"'),
    ("line\nbreak\ttab\r", '"line\\nbreak\\ttab\\r"'),
    ("bell\x07", '"bell\\u{7}"'),
    ("caf\u00e9 \u2615", '"caf\u00e9 \u2615"'),
    ([], "[]"),
    ([1, "a", None, [True]], '[1, "a", nil, [true]]'),
    ({}, "[:]"),
    ({"k": 1, "nested": {"x": [1.5]}}, '["k": 1, "nested": ["x": [1.5]]]'),
])
def test_values(value, expected):
    assert translate(value) == expected


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_non_finite_floats_are_refused(value):
    with pytest.raises(Exception, match="no literal"):
        translate(value)


def test_codify_writes_let_lines_under_a_comment():
    code = folio_papermill.FolioTranslator.codify({"alpha": 0.1, "name": "run 1", "steps": 10})
    assert code == '// Parameters\nlet alpha = 0.1\nlet name = "run 1"\nlet steps = 10\n'


def test_inspect_reads_let_and_var_lines():
    cell = nbformat.v4.new_code_cell(
        'let greeting = "hello" // what to say\nvar times = 2\n// a comment\nprint(greeting)\nlet rate: Double = 0.5'
    )
    parameters = folio_papermill.FolioTranslator.inspect(cell)
    assert [(p.name, p.default, p.help) for p in parameters] == [
        ("greeting", '"hello"', "what to say"),
        ("times", "2", ""),
        ("rate", "0.5", ""),
    ]
    assert parameters[2].inferred_type_name == "Double"

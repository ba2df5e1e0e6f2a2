"""Papermill support for the Folio kernel.

Papermill injects notebook parameters as code in the notebook's language. This module
teaches it Folio: each parameter becomes a ``let name = value`` line (Folio lets a later
top-level ``let`` redeclare a name, so the injected cell wins over the defaults cell).

Installing the package is enough: papermill loads the ``papermill.engine`` entry point
``folio``, importing this module, which registers the translator for language ``folio``.
"""
from __future__ import annotations

import math
import re

from papermill.engines import NBClientEngine
from papermill.exceptions import PapermillException
from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators

__all__ = ["FolioTranslator", "FolioEngine", "swift_string_literal"]

LANGUAGE = "folio"

_SIMPLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}


def swift_string_literal(text: str) -> str:
    """Return `text` as a double-quoted Swift string literal.

    Backslashes are doubled, so `\\(` in the value can never start an interpolation;
    other control characters become `\\u{...}` escapes.
    """
    pieces = []
    for char in text:
        if char in _SIMPLE_ESCAPES:
            pieces.append(_SIMPLE_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029":
            pieces.append(f"\\u{{{ord(char):x}}}")
        else:
            pieces.append(char)
    return '"' + "".join(pieces) + '"'


class FolioTranslator(Translator):
    """Turns papermill parameters into Folio source."""

    PARAMETER_PATTERN = re.compile(
        r"^\s*(?:let|var)\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*(?P<type>[A-Za-z_][\w\[\]: ]*?)\s*)?"
        r"=\s*(?P<value>.*?)\s*(?://\s*(?P<help>.*))?$"
    )

    @classmethod
    def translate_none(cls, val):
        return "nil"

    @classmethod
    def translate_str(cls, val):
        return swift_string_literal(val)

    @classmethod
    def translate_escaped_str(cls, str_val):
        return swift_string_literal(str(str_val))

    @classmethod
    def translate_bool(cls, val):
        return "true" if val else "false"

    @classmethod
    def translate_int(cls, val):
        return str(int(val))

    @classmethod
    def translate_float(cls, val):
        if not math.isfinite(val):
            raise PapermillException(f"Folio has no literal for the float {val!r}")
        text = repr(float(val))
        mantissa, _, exponent = text.partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        if not exponent:
            return mantissa
        sign = "-" if exponent.startswith("-") else ""
        return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"

    @classmethod
    def translate_list(cls, val):
        return "[" + ", ".join(cls.translate(item) for item in val) + "]"

    @classmethod
    def translate_dict(cls, val):
        if not val:
            return "[:]"
        entries = (f"{cls.translate(key)}: {cls.translate(item)}" for key, item in val.items())
        return "[" + ", ".join(entries) + "]"

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        return f"let {name} = {str_val}"

    @classmethod
    def inspect(cls, parameters_cell):
        """List the `let`/`var` declarations of a parameters cell (for `papermill --help-notebook`)."""
        parameters = []
        for line in parameters_cell["source"].splitlines():
            match = cls.PARAMETER_PATTERN.match(line)
            if match is None:
                continue
            parameters.append(
                Parameter(
                    name=match["name"],
                    inferred_type_name=(match["type"] or "None").strip(),
                    default=match["value"],
                    help=(match["help"] or "").strip(),
                )
            )
        return parameters


class FolioEngine(NBClientEngine):
    """papermill's default nbclient engine; its entry point is what loads this module."""


papermill_translators.register(LANGUAGE, FolioTranslator)

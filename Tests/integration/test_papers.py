"""The paper library through a real kernel: papers(), paper(), help, Shift-Tab, completion, cite().

Per-paper numeric checks live in test_paper_<key>.py (one file per paper) and use paper_checks.
"""
from __future__ import annotations

import subprocess

import pytest
from conftest import execute, reply_for

import paper_checks as pc


@pytest.fixture(scope="module")
def catalog(folio) -> list[str]:
    """The paper keys, read from the binary's own catalog (`folio papers`)."""
    lines = subprocess.run([str(folio), "papers"], capture_output=True, text=True, check=True).stdout.splitlines()
    return [line.split(":")[0].split()[1] for line in lines if line and not line.startswith(" ")]


def test_papers_table_lists_every_paper(kernel, catalog):
    _, kc = kernel
    reply, outputs = execute(kc, "papers()")
    assert reply["content"]["status"] == "ok"
    data = next(m["content"]["data"] for m in outputs if m["msg_type"] == "execute_result")
    assert "<table>" in data["text/html"]
    for key in catalog:
        assert key in data["text/plain"] and f"<code>{key}</code>" in data["text/html"]


def test_paper_card_and_help_show_formula_and_citation(kernel):
    _, kc = kernel
    reply, outputs = execute(kc, 'paper("evonorm")')
    data = next(m["content"]["data"] for m in outputs if m["msg_type"] == "execute_result")
    assert "2004.02967" in data["text/markdown"] and "evonorm.s0(" in data["text/plain"]
    reply, _ = execute(kc, "help(evonorm.s0)")
    page = reply["content"]["payload"][0]["data"]
    assert "$$" in page["text/markdown"] and "groups: 32" in page["text/plain"]
    assert "Formula:" in page["text/plain"] and "$$" not in page["text/plain"]


def test_shift_tab_and_completion_on_a_namespace(kernel):
    _, kc = kernel
    code = "evonorm.s0("
    reply = reply_for(kc, kc.inspect(code, len(code), detail_level=0))
    assert reply["content"]["found"]
    assert "eps: 1e-5" in reply["content"]["data"]["text/plain"]
    code = "evonorm."
    reply = reply_for(kc, kc.complete(code, len(code)))
    assert {"s0", "S0"} <= set(reply["content"]["matches"])


def test_cite_lists_the_papers_this_session_used(kernel):
    _, kc = kernel
    text = pc.run(kc, "cite()")
    assert "No paper primitive" in text
    pc.run(kc, "let y = evonorm.s0(randn(1, 4, 2, 2, seed: 0), ones(4), ones(4), zeros(4), groups: 2)")
    text = pc.run(kc, "cite()")
    assert "@article{liu2020evolving" in text and "2004.02967" in text
    ename, evalue = pc.error(kc, 'cite("evonrm")')
    assert ename == "ValueError" and "evonorm" in evalue

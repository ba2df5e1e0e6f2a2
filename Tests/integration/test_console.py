"""`jupyter console --kernel folio` driven through a pseudo-terminal (pexpect)."""
from __future__ import annotations

import os
import re
import sys

import pexpect
import pytest
from conftest import venv_tool

TIMEOUT = 30
# prompt_toolkit colours and moves the cursor between the characters of its prompts.
ANSI = r"(?:\x1b\[[0-9;?]*[A-Za-z])*"


def painted(text: str) -> str:
    """A regex matching `text` with any ANSI escape sequences between its characters."""
    return ANSI.join(re.escape(char) for char in text)


def spawn_console(*options: str) -> pexpect.spawn:
    # No cursor-position requests: a pty answers none, and prompt_toolkit would wait for them.
    env = dict(os.environ, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", PYTHONUNBUFFERED="1")
    child = pexpect.spawn(
        venv_tool("jupyter"), ["console", "--kernel", "folio", *options],
        env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200),
    )
    child.logfile_read = sys.stdout  # pytest shows it when a test fails
    return child


def quit_console(child: pexpect.spawn) -> None:
    child.sendeof()
    child.expect_exact("Do you really want to exit ([y]/n)?")
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, f"jupyter console exited with {child.exitstatus}"


def run_session(child: pexpect.spawn, steps) -> None:
    try:
        for action, argument in steps:
            if action == "send":
                child.send(argument + "\r")  # Enter, for prompt_toolkit in raw mode too
            elif action == "expect":
                child.expect_exact(argument)
            else:
                child.expect(argument)
        quit_console(child)
    except (pexpect.TIMEOUT, pexpect.EOF) as error:
        pytest.fail(f"jupyter console: {type(error).__name__}; last output:\n{child.before!r}")
    finally:
        if child.isalive():
            child.terminate(force=True)


def test_console_session_with_simple_prompt():
    child = spawn_console("--simple-prompt")
    # As pexpect advises for prompts: let the console finish drawing before typing.
    child.delaybeforesend = 0.1
    run_session(child, [
        ("expect", "In [1]: "),
        ("send", "1 + 2"),
        ("expect", "Out[1]: 3"),
        ("expect", "In [2]: "),
        ("send", 'print("hello from folio")'),
        ("expect", "hello from folio"),
        ("expect", "In [3]: "),
        ("send", "let answer = 6 * 7"),
        ("expect", "In [4]: "),
        ("send", '"the answer is \\(answer)"'),
        ("expect", "Out[4]: "),
        ("expect", "the answer is 42"),
        ("expect", "In [5]: "),
        ("send", "undefined_name_xyz + 1"),
        ("expect", "NameError"),
        ("expect", "In [6]: "),
        ("send", "answer"),  # the session survived the error
        ("expect", "Out[6]: 42"),
        ("expect", "In [7]: "),
    ])


def test_console_full_interface_continues_incomplete_input():
    """With prompt_toolkit, Enter on an incomplete line continues the cell (the kernel's is_complete)."""
    child = spawn_console()
    child.delaybeforesend = 0.1
    run_session(child, [
        ("regex", painted("In [1]: ")),
        ("send", "print(1 +"),
        ("regex", painted("...: ")),  # continuation prompt: the kernel said "incomplete"
        ("send", "2)"),
        ("regex", r"3\r\n"),
        ("regex", painted("In [2]: ")),
        ("send", "1 + 2"),
        ("regex", painted("Out[2]: ") + ANSI + "3"),
        ("regex", painted("In [3]: ")),
    ])


def test_console_papers_help_and_cite():
    """The paper library at the console: the table, a primitive's help (plain text with its
    formula), a call, and cite() with the BibTeX of the paper used."""
    child = spawn_console("--simple-prompt")
    child.delaybeforesend = 0.1
    run_session(child, [
        ("expect", "In [1]: "),
        ("send", "papers()"),
        ("expect", "evonorm"),
        ("expect", "In [2]: "),
        ("send", "help(evonorm.s0)"),
        ("expect", "evonorm.s0(x, v, gamma, beta, groups: 32, eps: 1e-5)"),
        ("expect", "Formula: y = "),
        ("expect", "In [3]: "),
        ("send", "evonorm.s0(randn(1, 4, 2, 2, seed: 0), ones(4), ones(4), zeros(4), groups: 2).shape"),
        ("expect", "[1, 4, 2, 2]"),
        ("expect", "In [4]: "),
        ("send", "cite()"),
        ("expect", "@article{liu2020evolving"),
        ("expect", "In [5]: "),
    ])

"""jupyter_kernel_test's whole suite against Folio, with every attribute set so no test is skipped."""
from __future__ import annotations

import unittest

import jupyter_kernel_test as jkt  # imported as a module so pytest does not collect the python3 base classes


class FolioKernelTests(jkt.KernelTests):
    kernel_name = "folio"
    language_name = "folio"
    file_extension = ".folio"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'eprint("this goes to stderr")'

    completion_samples = [{"text": "pri", "matches": {"print"}}]
    complete_code_samples = ["1 + 2", 'print("hi")', "let x = 1", "// only a comment"]
    incomplete_code_samples = ["print(1", "let x = 1 +", 'print("a",']
    invalid_code_samples = [")", "1 +* 2"]

    code_page_something = "help(print)"
    code_generate_error = "undefined_name_xyz + 1"
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "7 / 2", "result": "3.5"},
        {"code": '"fol" + "io"', "mime": "text/plain"},
    ]
    code_display_data = [{"code": "display(42)", "mime": "text/plain"}]

    # A glob, as in IPython's history search; it matches exactly one of code_execute_result.
    code_history_pattern = "1 + *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "print"
    code_clear_output = "clear_output()"


class FolioIopubWelcomeTests(jkt.IopubWelcomeTests):
    kernel_name = "folio"
    support_iopub_welcome = True


def test_every_suite_attribute_is_set():
    """Guards "none skipped": each attribute the suite reads must be set on our subclasses."""
    for base, ours in ((jkt.KernelTests, FolioKernelTests), (jkt.IopubWelcomeTests, FolioIopubWelcomeTests)):
        tests = [name for name in dir(base) if name.startswith("test_")]
        assert tests, base
        for name, value in vars(base).items():
            if name.startswith("_") or callable(value) or isinstance(value, (classmethod, staticmethod)):
                continue
            if name in ("kc", "km"):
                continue
            assert name in vars(ours), f"{ours.__name__} does not set {name}"
            assert getattr(ours, name), f"{ours.__name__}.{name} is empty"


if __name__ == "__main__":
    unittest.main()

"""Headless notebook execution: nbconvert on every notebook in notebooks/, papermill with parameters."""
from __future__ import annotations

import subprocess

import nbformat
import pytest
from conftest import DATA, REPO, venv_tool

NOTEBOOKS = sorted(
    path for path in (REPO / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts
)


def run(arguments: list[str], timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(arguments, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{arguments[0]} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def outputs_of(notebook) -> list[dict]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def plain_text(notebook) -> str:
    pieces = []
    for output in outputs_of(notebook):
        if output.output_type == "stream":
            pieces.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            pieces.append(output.data.get("text/plain", ""))
    return "\n".join(pieces)


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ has no notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(REPO / "notebooks")) for p in NOTEBOOKS])
def test_notebook_executes_without_errors(path, tmp_path):
    run([venv_tool("jupyter"), "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.timeout=300", "--output-dir", str(tmp_path), str(path)])
    executed = nbformat.read(tmp_path / path.name, as_version=4)
    assert executed.metadata.kernelspec.name == "folio"
    errors = [output for output in outputs_of(executed) if output.output_type == "error"]
    assert not errors, "\n".join(f"{e.ename}: {e.evalue}" for e in errors)
    for cell in executed.cells:
        if cell.cell_type == "code" and cell.source.strip():
            assert cell.execution_count is not None, f"cell not executed: {cell.source!r}"
    if path.parent.name == "papers":
        check_paper_notebook(path, executed)


def check_paper_notebook(path, executed) -> None:
    """A paper notebook (DESIGN.md §4) shows at least one figure and cites its paper."""
    rich = [output for output in outputs_of(executed) if output.output_type in ("execute_result", "display_data")]
    assert any("image/svg+xml" in output.data for output in rich), f"{path.name} shows no figure"
    assert any("@article" in output.data.get("text/plain", "") for output in rich), f"{path.name} has no cite() output"


def test_hello_notebook_shows_its_results(tmp_path):
    path = REPO / "notebooks" / "hello.ipynb"
    run([venv_tool("jupyter"), "nbconvert", "--to", "notebook", "--execute",
         "--output-dir", str(tmp_path), str(path)])
    text = plain_text(nbformat.read(tmp_path / path.name, as_version=4))
    for expected in ("3", "3.5", "Hello, Folio!", "the answer is 42", "40", "shown by display"):
        assert expected in text, f"{expected!r} not in the outputs:\n{text}"


def test_papermill_injects_parameters(tmp_path):
    output = tmp_path / "parameters-out.ipynb"
    run([venv_tool("papermill"), str(DATA / "parameters.ipynb"), str(output),
         "-p", "greeting", 'hi "there" \\(not interpolated)', "-p", "times", "5", "--kernel", "folio"])
    notebook = nbformat.read(output, as_version=4)

    injected = [cell for cell in notebook.cells if "injected-parameters" in cell.metadata.get("tags", [])]
    assert len(injected) == 1
    assert 'let greeting = "hi \\"there\\" \\\\(not interpolated)"' in injected[0].source
    assert "let times = 5" in injected[0].source
    assert not [o for o in outputs_of(notebook) if o.output_type == "error"]
    text = plain_text(notebook)
    assert 'hi "there" \\(not interpolated) x 5' in text, text
    assert "50" in text
    assert "default greeting" not in text


def test_papermill_without_kernel_option_uses_the_notebook_kernelspec(tmp_path):
    output = tmp_path / "parameters-out.ipynb"
    run([venv_tool("papermill"), str(DATA / "parameters.ipynb"), str(output), "-p", "times", "3"])
    text = plain_text(nbformat.read(output, as_version=4))
    assert "default greeting x 3" in text, text
    assert "30" in text


def test_papermill_help_notebook_lists_the_parameters():
    result = run([venv_tool("papermill"), "--help-notebook", str(DATA / "parameters.ipynb")])
    assert "greeting" in result.stdout and "times" in result.stdout, result.stdout


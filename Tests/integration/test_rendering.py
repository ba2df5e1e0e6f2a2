"""Figures as a reader sees them: nbconvert's HTML opened in a real browser (headless Chromium).

A notebook with one line plot is executed and converted with `jupyter nbconvert --to html`; Debian's
chromium-headless-shell takes a screenshot of the page, and the test looks for the line's colour
(the default palette's first colour, #0072B2) in the picture: the plot area was drawn, not just
its text fallback. The figure reaches the HTML as an `<img>` with an SVG data URI, the form that
also survives JupyterLab's sanitizer in an untrusted notebook (see FigureObject.imageTag).
"""
from __future__ import annotations

import shutil
import subprocess

import nbformat
from conftest import venv_tool

CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium")
LINE_BLUE = (0x00, 0x72, 0xB2)


def make_notebook(path) -> None:
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "folio", "display_name": "Folio", "language": "folio"}})
    notebook.cells = [nbformat.v4.new_code_cell('plot([0, 1, 4, 9, 16, 25, 36], title: "squares")')]
    nbformat.write(notebook, path)


def test_nbconvert_html_draws_the_plot_in_a_browser(tmp_path):
    from PIL import Image

    assert CHROMIUM is not None, "chromium-headless-shell is not installed (scripts/setup.sh installs it)"
    source = tmp_path / "figure.ipynb"
    make_notebook(source)
    subprocess.run([venv_tool("jupyter"), "nbconvert", "--to", "html", "--execute", "--output-dir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    html = (tmp_path / "figure.html").read_text()
    assert 'src="data:image/svg+xml;base64,' in html
    screenshot = tmp_path / "figure.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={screenshot}", "--window-size=1000,900", (tmp_path / "figure.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    image = Image.open(screenshot).convert("RGB")
    data = image.tobytes()  # RGB triples, row by row
    pixels = zip(data[0::3], data[1::3], data[2::3])
    blue = sum(1 for pixel in pixels if all(abs(a - b) <= 24 for a, b in zip(pixel, LINE_BLUE)))
    # A 7-point line about 500 px long and 1.5 px wide covers several hundred pixels.
    assert blue > 300, f"the plot's line colour covers only {blue} pixels of the screenshot"

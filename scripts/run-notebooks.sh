#!/usr/bin/env bash
# The main job: executes every notebook under notebooks/ headless with the Folio kernel
# installed in .venv and writes the executed notebooks as HTML under build/html/.
# Run scripts/setup.sh first (`make notebooks` does both).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Use the kernelspec that setup.sh installed into .venv, not one a user installed elsewhere.
export JUPYTER_PATH="$root/.venv/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
output_root="$root/build/html"
mkdir -p "$output_root"

mapfile -t notebooks < <(find notebooks -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort)
[[ ${#notebooks[@]} -gt 0 ]] || { echo "run-notebooks.sh: no notebooks under notebooks/" >&2; exit 1; }

pages=()
for notebook in "${notebooks[@]}"; do
    relative="${notebook#notebooks/}"
    output_dir="$output_root/$(dirname "$relative")"
    echo "==> executing $notebook"
    .venv/bin/jupyter nbconvert --to html --execute --ExecutePreprocessor.timeout=600 \
        --output-dir "$output_dir" "$notebook"
    pages+=("${relative%.ipynb}.html")
done

# An index page linking every executed notebook.
{
    echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Folio notebooks</title></head><body>'
    echo '<h1>Folio notebooks</h1><ul>'
    for page in "${pages[@]}"; do echo "<li><a href=\"$page\">$page</a></li>"; done
    echo '</ul></body></html>'
} > "$output_root/index.html"

echo
echo "Executed ${#notebooks[@]} notebook(s). Open them in a browser:"
echo "  file://$output_root/index.html"
for page in "${pages[@]}"; do echo "  file://$output_root/$page"; done

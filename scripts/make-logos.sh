#!/usr/bin/env bash
# Rasterises kernelspec/logo-svg.svg into the 32 and 64 px PNGs Jupyter shows.
# Needs rsvg-convert (Debian package librsvg2-bin). The PNGs are committed; run this after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/../kernelspec"
for size in 32 64; do
    rsvg-convert --width "$size" --height "$size" logo-svg.svg --output "logo-${size}x${size}.png"
done
echo "wrote kernelspec/logo-32x32.png and kernelspec/logo-64x64.png"

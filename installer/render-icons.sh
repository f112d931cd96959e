#!/usr/bin/env bash
# Renders the hicolor PNG icons from resources/icons/drydock.svg (the one source of the icon).
# The PNGs are committed, so building a package needs no SVG renderer; run this after changing the SVG.
# Needs rsvg-convert (Debian: librsvg2-bin) and optipng when present.
set -euo pipefail
cd "$(dirname "$0")/.."
svg=resources/icons/drydock.svg
for size in 16 22 24 32 48 64 128 256; do
  out=resources/icons/hicolor/${size}x${size}/apps/drydock.png
  mkdir -p "$(dirname "$out")"
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$svg" --output "$out"
  if command -v optipng >/dev/null; then optipng -quiet -o5 -strip all "$out"; fi
done

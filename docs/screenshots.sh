#!/usr/bin/env bash
# Takes the user guide's pictures of the running workbench (docs/images/*.png) under a virtual X display.
# Needs: apt-get install xvfb libgtk-3-0. Uses the real pipeline: the embedded model analyses
# Megamind.avi (OpenCV's sample clip, kept in the test resources), then the window shows video and result.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
video=engine/src/test/resources/video/Megamind.avi
out=docs/images
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./omnisila analyze "$video" --out "$work/megamind.json" --device cpu
shoot() { # name, seconds to wait, then workbench arguments
  local name="$1" delay="$2"; shift 2
  xvfb-run -a -s "-screen 0 1280x800x24" ./omnisila workbench "$@" --screenshot "$out/$name.png" \
    --screenshot-delay "$delay"
  echo "wrote $out/$name.png"
}
shoot workbench-player 6 "$video" --at 5.5
shoot workbench-analysis 6 "$video" --result "$work/megamind.json" --at 5.5 \
  --ask "Please identify and attribute the visual sentiment of segment 2"
# the cue overlays: the picture is taken 3 s after the extractors have run on the sampled frames
shoot workbench-overlays 3 "$video" --result "$work/megamind.json" --at 4.254 --cues

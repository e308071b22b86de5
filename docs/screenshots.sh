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
# annotation mode: a project with three hand-written attributions of the clip (docs/annotation-guide.md)
cat > "$work/megamind.jsonl" <<JSONL
{"video": "$here/$video", "start": 0.0, "end": 2.0, "aspects": {"face": "A blue-skinned man looks straight ahead, brows raised, mouth half open.", "action": "He leans forward and starts to speak.", "object": "man - in front of - dark wall", "background": "A dim room, the light from one side."}, "summary": "He addresses someone calmly; no clear sentiment yet.", "sentiment": "neutral", "generator": {"name": "hand-written example", "version": "docs"}}
{"video": "$here/$video", "start": 2.0, "end": 6.0, "aspects": {"face": "He frowns, eyes narrowed, lips pressed.", "action": "He turns his head aside and back, shaking it.", "object": "man - holds - nothing", "background": "The same dim room."}, "summary": "The frown and the head shake show displeasure.", "sentiment": "negative", "generator": {"name": "hand-written example", "version": "docs"}}
{"video": "$here/$video", "start": 6.0, "end": 10.0, "aspects": {"face": "A wide grin, eyebrows up.", "action": "He raises his chin, pleased with himself.", "object": "man - in front of - wall", "background": "The same room, brighter."}, "summary": "The grin shows satisfaction.", "sentiment": "positive", "generator": {"name": "hand-written example", "version": "docs"}}
JSONL
./omnisila annotate create "$work/megamind.sila" --name "Megamind sample"
./omnisila annotate import "$work/megamind.sila" "$work/megamind.jsonl" --kind attributions --annotator Ann
shoot annotation-mode 6 --project "$work/megamind.sila" --annotator Ann

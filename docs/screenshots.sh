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
{"video": "$here/$video", "start": 4.0, "end": 6.0, "aspects": {"face": "An animated woman with dark hair pinned up, eyes wide, mouth open in a smile.", "action": "She raises a glass of white wine and talks across the table.", "object": "woman - holds - wine glass; candle - on - table", "background": "A dim restaurant at night, candle light, a man at the next table."}, "summary": "Her smile and the raised glass at a candle-lit dinner show pleasure.", "sentiment": "positive", "generator": {"name": "hand-written example", "version": "docs"}}
{"video": "$here/$video", "start": 6.0, "end": 8.0, "aspects": {"face": "She smiles, head tilted, eyebrows raised.", "action": "She keeps talking to the man opposite, glass in hand.", "object": "woman - holds - wine glass; man - sits across - woman", "background": "The same restaurant, warm light."}, "summary": "A friendly, flirtatious conversation: positive.", "sentiment": "positive", "generator": {"name": "hand-written example", "version": "docs"}}
{"video": "$here/$video", "start": 8.0, "end": 10.0, "aspects": {"face": "A man in glasses stares, eyes wide, lips parted, brows up.", "action": "He sits still, frozen mid-answer.", "object": "man - wears - glasses", "background": "The dark restaurant behind him."}, "summary": "His wide eyes and open mouth show surprise and unease.", "sentiment": "negative", "generator": {"name": "hand-written example", "version": "docs"}}
JSONL
./omnisila annotate create "$work/megamind.sila" --name "Megamind sample"
./omnisila annotate import "$work/megamind.sila" "$work/megamind.jsonl" --kind attributions --annotator Ann
shoot annotation-mode 6 --project "$work/megamind.sila" --annotator Ann
# the instruction box with the full model: the tiny Video-LLaVA test folder (random weights, vocabulary of 419
# byte-level tokens) LoRA-tuned in both stages on the three items above, then asked the tuned identify question
# (docs/full-model.md, "Running the full model"); it shows the machinery, not a 7B model's quality
tiny=engine/src/test/resources/llm/tiny-video-llava
./omnisila annotate export "$work/megamind.sila" --out "$work/export" --media clips --include-unreviewed \
  --test-fraction 0
OMP_NUM_THREADS=1 ./omnisila tune --stage scene --model "$tiny" --data "$work/export" --out "$work/stage1" \
  --epochs 30 --batch 4 --lr 1e-2 --lora-targets all
OMP_NUM_THREADS=1 ./omnisila tune --stage omnisila --model "$tiny" --data "$work/export" --out "$work/adapter" \
  --from "$work/stage1" --epochs 80 --batch 3 --lr 1e-2
shoot full-model-instruction 6 "$video" --at 5.5 --llm "$tiny" --adapter "$work/adapter" \
  --ask "You will be presented with a video. After watching the video, please identify the explicit visual sentiment in the video."
# the full model in 2-s windows over Megamind: a segment per window on the timeline, the panel with the selected
# window's label probabilities, routing and causal effects (docs/user-guide.md, "The full model in windows")
# (analysed once, which stores the result under the windows' key; then the window opens on it at 5.5 s)
xvfb-run -a -s "-screen 0 1280x800x24" ./omnisila workbench "$video" --llm "$tiny" --adapter "$work/adapter" \
  --llm-window 2 --analyze --screenshot "$work/analysing.png" --screenshot-delay 45
shoot full-model-windows 8 "$video" --at 5.5 --llm "$tiny" --adapter "$work/adapter" --llm-window 2

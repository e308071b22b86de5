#!/usr/bin/env bash
# Smoke test of the CPU .deb (docs/install.md): unpacks it into a temporary root with dpkg-deb -x (no root needed,
# nothing installed), then runs the packaged launcher there as a user would: --version, `slideshow` to generate a
# video, `analyze` on it (the embedded model, CPU) with the result checked, the workbench window headless under
# Xvfb with a screenshot checked, and `doctor`. Prints the package's size, the installed size and timings.
# Usage: smoke-deb.sh SKIPPED TARGET PHOTO   (SKIPPED: "true" when the packages were not built)
set -euo pipefail
skipped="$1" target="$2" photo="$3"
if [ "$skipped" = true ]; then echo "smoke-deb: installers skipped (-Dinstallers.skip)"; exit 0; fi
deb="$(ls "$target"/omnisila-workbench_*.deb 2>/dev/null | head -n 1)"
[ -n "$deb" ] || { echo "smoke-deb: no omnisila-workbench_*.deb in $target" >&2; exit 1; }
root="$(mktemp -d)"
trap 'chmod -R u+w "$root"; rm -rf "$root"' EXIT
fail() { echo "smoke-deb: FAILED: $*" >&2; exit 1; }
millis() { date +%s%3N; }

dpkg-deb -x "$deb" "$root/fs"
launcher="$root/fs/opt/omnisila-workbench/bin/omnisila"
[ -x "$launcher" ] || fail "the package has no launcher at /opt/omnisila-workbench/bin/omnisila"
[ -f "$root/fs/opt/omnisila-workbench/lib/omnisila-workbench-omnisila.desktop" ] || fail "no desktop entry"
printf 'smoke-deb: package %s, %s MB; installed size %s MB\n' "$(basename "$deb")" \
  "$(( $(stat -c %s "$deb") / 1048576 ))" "$(( $(du -sk "$root/fs/opt" | cut -f1) / 1024 ))"

# A user of its own: the packaged app writes only under XDG folders, never beside the installed files.
export HOME="$root/home" XDG_CACHE_HOME="$root/home/.cache" XDG_CONFIG_HOME="$root/home/.config"
mkdir -p "$HOME"
chmod -R a-w "$root/fs/opt"
touch "$root/before-runs"

start=$(millis)
version="$("$launcher" --version)"
echo "smoke-deb: --version: $version ($(( $(millis) - start )) ms)"
[[ "$version" == omnisila* ]] || fail "--version printed \"$version\""

"$launcher" slideshow "$photo" --out "$root/clip.mp4" --seconds 6 >/dev/null
[ -s "$root/clip.mp4" ] || fail "slideshow wrote no video"

start=$(millis)
"$launcher" analyze "$root/clip.mp4" --out "$root/result.json" --device cpu > "$root/analyze.log" 2>&1 \
  || { cat "$root/analyze.log"; fail "analyze failed"; }
echo "smoke-deb: analyze of a 6 s clip: $(( $(millis) - start )) ms (first run: natives unpacked into the cache)"
grep -q '"segments"' "$root/result.json" || fail "the result has no segments"
segments="$(grep -o '"start"' "$root/result.json" | wc -l)"
[ "$segments" -ge 3 ] || fail "the result has $segments segment starts, expected 3 or more for 6 s"
[ -d "$XDG_CACHE_HOME/omnisila/javacpp" ] || fail "natives were not unpacked into \$XDG_CACHE_HOME/omnisila"

if command -v xvfb-run >/dev/null 2>&1; then
  start=$(millis)
  xvfb-run -a -s "-screen 0 1280x800x24" "$launcher" workbench "$root/clip.mp4" --result "$root/result.json" \
    --at 2 --screenshot "$root/window.png" --screenshot-delay 3 > "$root/window.log" 2>&1 \
    || { cat "$root/window.log"; fail "the packaged workbench window did not start"; }
  [ "$(stat -c %s "$root/window.png" 2>/dev/null || echo 0)" -gt 20000 ] || fail "no screenshot of the window"
  cp "$root/window.png" "$target/smoke-window.png"
  echo "smoke-deb: workbench window under Xvfb: opened, showed the video and result, closed in $(( $(millis) - start )) ms"
else
  fail "xvfb-run is missing: apt-get install xvfb (the window cannot be checked without it)"
fi

"$launcher" doctor > "$root/doctor.log" 2>&1 || true
grep -q "PyTorch" "$root/doctor.log" || { cat "$root/doctor.log"; fail "doctor did not check the PyTorch natives"; }
if grep -q "PROBLEM" "$root/doctor.log"; then
  grep "PROBLEM" "$root/doctor.log" | grep -v -i "audio\|display\|sound" && fail "doctor found a problem"
fi
written="$(find "$root/fs/opt" -newer "$root/before-runs" -print -quit)"
[ -z "$written" ] || fail "the packaged app wrote beside its installed files: $written"
echo "smoke-deb: doctor ran; nothing was written under /opt; passed"

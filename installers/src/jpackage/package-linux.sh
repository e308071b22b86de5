#!/usr/bin/env bash
# Builds the Linux packages of the workbench with jpackage (docs/install.md):
#   1. an app-image: a jlinked Java runtime, the application's jars on the class path, the bundled models (inside
#      omnisila-models.jar), JavaFX's modular jars on the module path (copied in after jpackage, so that they are
#      not also on the class path), the icon;
#   2. from it, a .deb, and an .rpm where rpmbuild exists, with a desktop entry, file associations for video files
#      and the packages the JavaFX natives and Java Sound need.
# Usage: package-linux.sh VERSION VARIANT WORK TARGET
#   WORK holds input/ (class-path jars) and javafx/ (JavaFX jars); the packages are written to TARGET.
set -euo pipefail
version="$1" variant="$2" work="$3" target="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jpackage="${JPACKAGE:-jpackage}"
name=omnisila
package=omnisila-workbench
[ "$variant" = cpu ] || package="omnisila-workbench-$variant"

main_jar="$(cd "$work/input" && ls omnisila-app-*.jar | head -n 1)"
[ -n "$main_jar" ] || { echo "package-linux.sh: no omnisila-app jar in $work/input" >&2; exit 1; }

# The runtime's modules: what jdeps finds in the jars (java.compiler, java.desktop, java.logging, java.management,
# java.sql, jdk.management, jdk.unsupported), what JavaFX needs (jdk.unsupported.desktop, jdk.jsobject,
# jdk.xml.dom), and what is reached by reflection or service loading (java.naming for Flyway, java.net.http for the
# vision-model client, jdk.crypto.ec for HTTPS, jdk.zipfs, jdk.charsets, java.xml).
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml
modules+=,jdk.charsets,jdk.crypto.ec,jdk.jsobject,jdk.management,jdk.unsupported,jdk.unsupported.desktop,jdk.xml.dom
modules+=,jdk.zipfs

image="$work/image"
rm -rf "$image"
echo "jpackage: app-image ($variant) from $(ls "$work/input" | wc -l) jars"
"$jpackage" --type app-image --dest "$image" --name "$name" --app-version "$version" \
  --vendor "Omni-SILA Workbench" --description "Identify, locate and attribute visual sentiment in video" \
  --icon "$here/../icons/omnisila.png" \
  --input "$work/input" --main-jar "$main_jar" --main-class org.omnisila.app.cli.OmnisilaCommand \
  --add-modules "$modules" --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  --java-options '--module-path $APPDIR/javafx --add-modules javafx.controls,javafx.swing' \
  --java-options "-Domnisila.variant=$variant"
mkdir -p "$image/$name/lib/app/javafx"
cp "$work/javafx/"*.jar "$image/$name/lib/app/javafx/"

associations=()
for f in "$here"/associations/*.properties; do associations+=(--file-associations "$f"); done
# jpackage adds the shared libraries the runtime links against; these are what it cannot see: GTK for the JavaFX
# window (loaded with dlopen), ALSA for Java Sound, fontconfig for text.
deps="libgtk-3-0, libasound2, libfontconfig1"

types=(deb)
if command -v rpmbuild >/dev/null 2>&1; then types+=(rpm); fi
for type in "${types[@]}"; do
  rm -f "$target"/*."$type"
  rpm_deps="$deps"
  [ "$type" = rpm ] && rpm_deps="gtk3, alsa-lib, fontconfig"
  echo "jpackage: $type"
  "$jpackage" --type "$type" --app-image "$image/$name" --dest "$target" --name "$name" \
    --app-version "$version" --vendor "Omni-SILA Workbench" \
    --description "Identify, locate and attribute visual sentiment in video ($variant)" \
    --linux-package-name "$package" --linux-deb-maintainer "omnisila@users.noreply.invalid" \
    --linux-package-deps "$rpm_deps" --linux-shortcut --linux-menu-group "AudioVideo;Video;" \
    --linux-app-category video "${associations[@]}"
done
for f in "$target"/*.deb "$target"/*.rpm; do
  [ -f "$f" ] && printf 'package: %s  %s MB\n' "$(basename "$f")" "$(( $(stat -c %s "$f") / 1048576 ))"
done
printf 'app-image: %s MB installed\n' "$(( $(du -sk "$image/$name" | cut -f1) / 1024 ))"

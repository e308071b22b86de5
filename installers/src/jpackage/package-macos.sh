#!/usr/bin/env bash
# Builds the macOS .dmg of the workbench (docs/install.md), the same layout as package-linux.sh: an .app with a
# jlinked runtime, the jars on the class path and JavaFX's jars on the module path, then a .dmg from it.
# Run on macOS after: ./mvnw -B package -DskipTests -Dinstallers.skip  (which, on macOS, fetches the macOS natives
# of JavaFX, JavaCPP and PyTorch: see the OS profiles of the root pom.xml). Written from jpackage's documentation;
# not run by us (no macOS machine). Usage: installers/src/jpackage/package-macos.sh [VERSION]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$here/../../.."
version="${1:-0.1.0}"
work="$top/installers/target/jpackage"
rm -rf "$work" && mkdir -p "$work/input" "$work/javafx"
cp "$top/app/target/omnisila.jar" "$work/input/"
for jar in "$top"/app/target/lib/*.jar; do
  case "$(basename "$jar")" in
    javafx-*-mac*.jar) cp "$jar" "$work/javafx/" ;;
    javafx-*) ;;  # the empty platform-independent javafx jars
    *) cp "$jar" "$work/input/" ;;
  esac
done
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml
modules+=,jdk.charsets,jdk.crypto.ec,jdk.jsobject,jdk.management,jdk.unsupported,jdk.unsupported.desktop,jdk.xml.dom
modules+=,jdk.zipfs
jpackage --type app-image --dest "$work/image" --name Omnisila --app-version "$version" \
  --vendor "Omni-SILA Workbench" --icon "$here/../icons/omnisila.icns" \
  --input "$work/input" --main-jar omnisila.jar --main-class org.omnisila.app.cli.OmnisilaCommand \
  --add-modules "$modules" --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  --java-options '--module-path $APPDIR/javafx --add-modules javafx.controls,javafx.swing' \
  --mac-package-identifier org.omnisila.workbench --mac-package-name Omnisila
mkdir -p "$work/image/Omnisila.app/Contents/app/javafx"
cp "$work/javafx/"*.jar "$work/image/Omnisila.app/Contents/app/javafx/"
associations=()
for f in "$here"/associations/*.properties; do associations+=(--file-associations "$f"); done
jpackage --type dmg --app-image "$work/image/Omnisila.app" --dest "$top/installers/target" --name Omnisila \
  --app-version "$version" --vendor "Omni-SILA Workbench" "${associations[@]}"
ls -l "$top"/installers/target/*.dmg

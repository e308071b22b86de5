@echo off
rem Builds the Windows .msi of the workbench (docs/install.md), the same layout as package-linux.sh: an app-image
rem with a jlinked runtime, the jars on the class path and JavaFX's jars on the module path, then an .msi from it
rem with a Start-menu entry, a desktop shortcut, a per-user install choice and the video file associations.
rem Run on Windows, from the top of the repository, after: mvnw -B package -DskipTests -Dinstallers.skip
rem (which, on Windows, fetches the Windows natives: see the OS profiles of the root pom.xml). Needs the WiX Toolset 3
rem on the PATH. Written from jpackage's documentation; not run by us (no Windows machine).
rem Usage: installers\src\jpackage\package-windows.cmd [VERSION] [cpu|cuda]
setlocal enabledelayedexpansion
set VERSION=%~1
if "%VERSION%"=="" set VERSION=0.1.0
set VARIANT=%~2
if "%VARIANT%"=="" set VARIANT=cpu
set HERE=%~dp0
set WORK=installers\target\jpackage
if exist "%WORK%" rmdir /s /q "%WORK%"
mkdir "%WORK%\input" "%WORK%\javafx"
copy /y app\target\omnisila.jar "%WORK%\input\" >nul
for %%J in (app\target\lib\*.jar) do (
  set NAME=%%~nxJ
  if "!NAME:~0,7!"=="javafx-" (
    echo !NAME! | findstr /c:"-win" >nul && copy /y "%%J" "%WORK%\javafx\" >nul
  ) else (
    copy /y "%%J" "%WORK%\input\" >nul
  )
)
set MODULES=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.jsobject,jdk.management,jdk.unsupported,jdk.unsupported.desktop,jdk.xml.dom,jdk.zipfs
jpackage --type app-image --dest "%WORK%\image" --name Omnisila --app-version %VERSION% ^
  --vendor "Omni-SILA Workbench" --icon "%HERE%..\icons\omnisila.ico" ^
  --input "%WORK%\input" --main-jar omnisila.jar --main-class org.omnisila.app.cli.OmnisilaCommand ^
  --add-modules %MODULES% --jlink-options "--strip-debug --no-man-pages --no-header-files" ^
  --java-options "--module-path $APPDIR\javafx --add-modules javafx.controls,javafx.swing" ^
  --java-options "-Domnisila.variant=%VARIANT%" --win-console
if errorlevel 1 exit /b 1
mkdir "%WORK%\image\Omnisila\app\javafx"
copy /y "%WORK%\javafx\*.jar" "%WORK%\image\Omnisila\app\javafx\" >nul
set ASSOC=
for %%F in ("%HERE%associations\*.properties") do set ASSOC=!ASSOC! --file-associations "%%F"
jpackage --type msi --app-image "%WORK%\image\Omnisila" --dest installers\target --name Omnisila ^
  --app-version %VERSION% --vendor "Omni-SILA Workbench" --win-menu --win-menu-group "Omni-SILA" ^
  --win-shortcut --win-dir-chooser --win-per-user-install --win-upgrade-uuid 6f1c2f4e-5b1a-4c55-9a43-3d2a9e0c7b11 !ASSOC!
if errorlevel 1 exit /b 1
dir installers\target\*.msi

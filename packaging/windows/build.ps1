# Build the SOS Desk bundle and MSI on Windows (64-bit). NOT RUN YET: see README.md.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs Python 3.11 (python.org, 64-bit) on PATH and the .NET SDK (for the `wix` tool).
# Output: build\package\dist\sosdesk\ (the one-folder bundle) and
#         build\package\out\SOS-Desk-<version>-x64.msi with SHA256SUMS.txt.
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root
$Build = Join-Path $Root "build\package"
$Venv = Join-Path $Build "venv-windows"
$WixVersion = "5.0.2"

# A virtualenv of its own with the app and PyInstaller. Not `.[dev]`: PyICU (a test-only
# reference) does not build on Windows without ICU's headers.
if (-not (Test-Path "$Venv\Scripts\python.exe")) { python -m venv $Venv }
$Py = "$Venv\Scripts\python.exe"
& $Py -m pip install --upgrade pip
& $Py -m pip install . "pyinstaller>=6.10"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

# The same spec as on Linux; on Windows it adds the windowed sosdesk-desk.exe.
& $Py -m PyInstaller --noconfirm --log-level WARN --distpath "$Build\dist" --workpath "$Build\work" `
    packaging\pyinstaller\sosdesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$Bundle = "$Build\dist\sosdesk"
$Version = (& "$Bundle\sosdesk.exe" --version).Split(" ")[1]
Write-Host "Bundle $Version`: $([math]::Round((Get-ChildItem $Bundle -Recurse | Measure-Object Length -Sum).Sum / 1MB)) MB"

# WiX source from the bundle's file list, then the MSI.
New-Item -ItemType Directory -Force "$Build\out" | Out-Null
& $Py packaging\windows\generate_wxs.py $Bundle $Version "$Build\sosdesk.wxs"
if ($LASTEXITCODE -ne 0) { throw "generate_wxs failed" }
if (-not (Get-Command wix -ErrorAction SilentlyContinue)) {
    dotnet tool install --global wix --version $WixVersion
    $env:PATH += ";$env:USERPROFILE\.dotnet\tools"
}
$Msi = "$Build\out\SOS-Desk-$Version-x64.msi"
wix build -arch x64 -o $Msi "$Build\sosdesk.wxs"
if ($LASTEXITCODE -ne 0) { throw "wix build failed" }

$Hash = (Get-FileHash $Msi -Algorithm SHA256).Hash.ToLower()
"$Hash  $(Split-Path $Msi -Leaf)" | Out-File -Encoding ascii "$Build\out\SHA256SUMS.txt"
Write-Host "Wrote $Msi"
Get-Content "$Build\out\SHA256SUMS.txt"

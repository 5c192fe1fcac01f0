# Smoke test of the Windows bundle, the same steps as packaging/linux/smoke-test.sh except the
# poppler checks of the PDF (poppler is not on a stock Windows runner). NOT RUN YET.
#
#   powershell -File packaging\windows\smoke-test.ps1 build\package\dist\sosdesk\sosdesk.exe
param([Parameter(Mandatory = $true)][string]$Sosdesk)
$ErrorActionPreference = "Stop"
$Sosdesk = (Resolve-Path $Sosdesk).Path
$Work = Join-Path $env:RUNNER_TEMP "sosdesk-smoke"
if (-not $env:RUNNER_TEMP) { $Work = Join-Path $env:TEMP "sosdesk-smoke" }
Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
New-Item -ItemType Directory $Work | Out-Null
Set-Location $Work
Remove-Item Env:PYTHONPATH -ErrorAction SilentlyContinue
$env:QT_QPA_PLATFORM = "offscreen"
$env:SOSDESK_LANG = "en"
$env:SOSDESK_PASSPHRASE = "Smoke test passphrase, 2026!"
$script:Failed = 0
$script:Passed = 0
function Step([string]$Name, [scriptblock]$Body) {
    try { & $Body; if ($LASTEXITCODE -ne 0) { throw "exit $LASTEXITCODE" }; $script:Passed++; Write-Host "ok      $Name" }
    catch { $script:Failed++; Write-Host "FAILED  $Name ($_)" }
}
Step "version" { & $Sosdesk --version }
Step "init" { & $Sosdesk init --db desk.db --user operater --desk BG1 --name "Smoke Test" }
Step "demo-200-calls" { & $Sosdesk demo --db desk.db --user operater --calls 200 --seed 2026 --into-existing }
Step "verify" { & $Sosdesk verify --db desk.db --user operater }
Step "chronology-pdf" { & $Sosdesk document chronology --db desk.db --user operater --client BG1-2025-0002 --lang sr-Cyrl --out chronology.pdf }
Step "sync-identity" { & $Sosdesk sync identity --db desk.db --user operater --out bg1.identity }
Step "gui-unlock" {
    $env:SOSDESK_STARTUP_PROBE = "unlock"; $env:SOSDESK_USER = "operater"
    $said = & $Sosdesk --db desk.db | Out-String
    Remove-Item Env:SOSDESK_STARTUP_PROBE
    Write-Host $said
    if ($said -notmatch "unlocked ") { throw "the desk did not unlock" }
}
Write-Host "$script:Passed passed, $script:Failed failed"
if ($script:Failed -ne 0) { exit 1 }

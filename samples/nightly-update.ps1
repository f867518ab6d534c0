<#
.SYNOPSIS
  Nightly incremental update of the smallcaps lake (Windows Task Scheduler, see task-scheduler.xml).
.DESCRIPTION
  Exact resume makes every run incremental: windows already in the ledger are skipped and only new days
  are fetched; -To today is clamped to the last complete New York day. Exit code: 0 all done; 1 some
  tasks failed (each step is retried once); otherwise the contract code of the step that stopped the
  night (2 bad input or smallcaps not found, 3 key or plan, 4 another run holds the lake: the night is
  skipped, 130 interrupted: the night stops; verify is not run after any of these).
  -FromDaily / -FromMinute must be the -from the lake was built with: an earlier date backfills every
  ticker back to it (the defaults are those of the README's "Real use" example).
  Relative -Lake / -Universe are resolved against -Workdir. Write folders without a trailing backslash
  ("D:\my lake", not "D:\my lake\"): Windows PowerShell 5.1 would pass the backslash and the closing quote
  as an escaped quote and the tool would read the following arguments as part of the path.
  The key comes from the MASSIVE_API_KEY user environment variable or a .env file in -Workdir.
.EXAMPLE
  powershell -NoProfile -ExecutionPolicy Bypass -File nightly-update.ps1 -Lake D:\lake -Universe D:\universe.csv
#>
param(
    [string]$Lake = "D:\lake",
    [string]$Universe = "D:\universe.csv",
    [string]$FromDaily = "2005-01-01",
    [string]$FromMinute = "2019-01-01",
    [string]$Workdir = "$env:LOCALAPPDATA\smallcaps-nightly",
    [string]$Smallcaps = "smallcaps"
)

$ErrorActionPreference = "Stop"
New-Item -ItemType Directory -Force -Path $Workdir | Out-Null
Set-Location $Workdir
$log = Join-Path $Workdir ("nightly-{0:yyyyMMdd}.log" -f (Get-Date))
$eastern = [System.TimeZoneInfo]::FindSystemTimeZoneById("Eastern Standard Time")
$today = [System.TimeZoneInfo]::ConvertTimeFromUtc([DateTime]::UtcNow, $eastern).ToString("yyyy-MM-dd")

function Write-Log([string]$Message) {
    $line = "{0:yyyy-MM-ddTHH:mm:ssZ} {1}" -f [DateTime]::UtcNow, $Message
    Add-Content -Path $log -Value $line -Encoding UTF8
    Write-Host $line   # Write-Host, not Write-Output: functions below return exit codes through the pipeline
}

# Task Scheduler's PATH may lack %USERPROFILE%\.dotnet\tools, where `dotnet tool install -g` puts the tool.
if (-not (Get-Command $Smallcaps -ErrorAction SilentlyContinue)) {
    $installed = Join-Path $env:USERPROFILE ".dotnet\tools\smallcaps.exe"
    if ($Smallcaps -eq "smallcaps" -and (Test-Path -LiteralPath $installed)) {
        $Smallcaps = $installed
    }
    else {
        Write-Log "error: smallcaps not found (-Smallcaps $Smallcaps); pass its full path, e.g. -Smallcaps `"$installed`""
        exit 2
    }
}

function Invoke-Smallcaps([string[]]$Arguments) {
    # The tool writes notices to stderr; with "Stop", Windows PowerShell 5.1 would turn them into errors.
    $previous = $ErrorActionPreference
    $ErrorActionPreference = "Continue"
    try {
        & $Smallcaps @Arguments 2>&1 | ForEach-Object { "$_" } | Add-Content -Path $log -Encoding UTF8
        return $LASTEXITCODE
    }
    finally {
        $ErrorActionPreference = $previous
    }
}

function Invoke-Step([string]$Verb, [string]$From) {
    foreach ($attempt in 1, 2) {
        Write-Log "$Verb attempt $attempt"
        $code = Invoke-Smallcaps @($Verb, "--tickers-csv", $Universe, "--outdir", $Lake, "--from", $From, "--to", $today, "--max-rps", "50")
        switch ($code) {
            0       { Write-Log "${Verb}: done"; return 0 }
            1       { Write-Log "${Verb}: some tasks failed; retrying once (exact resume)" }
            2       { Write-Log "${Verb}: bad input (exit 2); stopping the night"; return 2 }
            3       { Write-Log "${Verb}: key rejected or plan not entitled (exit 3); stopping the night"; return 3 }
            4       { Write-Log "${Verb}: another run holds $Lake (its pid is named above); skipping the night"; return 4 }
            130     { Write-Log "${Verb}: interrupted (exit 130); stopping the night, the next run resumes"; return 130 }
            default { Write-Log "${Verb}: ended with exit $code, not a contract code (crashed?); going on"; return $code }
        }
    }
    return 1
}

$status = 0
foreach ($step in @(@("ingest-daily", $FromDaily), @("ingest-minute", $FromMinute))) {
    $code = Invoke-Step $step[0] $step[1]
    if ($code -ne 0 -and $status -eq 0) { $status = $code }
    # Bad input or a bad key will not get better for the next dataset; a held lake or an interrupt ends the night.
    if ($code -in 2, 3, 4, 130) {
        Write-Log "nightly update stopped with exit $code (verify not run)"
        exit $code
    }
}

$verifyCode = Invoke-Smallcaps @("verify", "--outdir", $Lake)
if ($verifyCode -eq 1) { Write-Log "verify found problems: see $log" }
elseif ($verifyCode -ne 0) { Write-Log "verify could not run (exit $verifyCode): see $log" }
Write-Log "nightly update finished with exit $status"
exit $status

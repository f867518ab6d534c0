<#
.SYNOPSIS
  Nightly incremental update of the smallcaps lake (Windows Task Scheduler, see task-scheduler.xml).
.DESCRIPTION
  Exact resume makes every run incremental: windows already in the ledger are skipped and only new days
  are fetched; -To today is clamped to the last complete New York day. Exit code: 0 all done; 1 some
  tasks failed (each step is retried once); otherwise the contract code of the failing step
  (2 bad input, 3 key or plan, 4 another run holds the lake, 130 interrupted).
  The key comes from the MASSIVE_API_KEY user environment variable or a .env file in -Workdir.
.EXAMPLE
  powershell -NoProfile -ExecutionPolicy Bypass -File nightly-update.ps1 -Lake D:\lake -Universe D:\universe.csv
#>
param(
    [string]$Lake = "D:\lake",
    [string]$Universe = "D:\universe.csv",
    [string]$From = "2005-01-01",
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

function Invoke-Step([string]$Verb) {
    foreach ($attempt in 1, 2) {
        Write-Log "$Verb attempt $attempt"
        $code = Invoke-Smallcaps @($Verb, "--tickers-csv", $Universe, "--outdir", $Lake, "--from", $From, "--to", $today, "--max-rps", "50")
        switch ($code) {
            0       { Write-Log "${Verb}: done"; return 0 }
            1       { Write-Log "${Verb}: some tasks failed; retrying once (exact resume)" }
            4       { Write-Log "${Verb}: another run holds $Lake; skipping tonight"; return 4 }
            130     { Write-Log "${Verb}: interrupted; the next run resumes"; return 130 }
            default { Write-Log "${Verb}: failed with exit $code (2 = bad input, 3 = key or plan)"; return $code }
        }
    }
    return 1
}

$status = 0
foreach ($verb in "ingest-daily", "ingest-minute") {
    $code = Invoke-Step $verb
    if ($code -ne 0 -and $status -eq 0) { $status = $code }
    if ($code -eq 2 -or $code -eq 3) { break }   # a bad key or bad input will not get better
}

$verifyCode = Invoke-Smallcaps @("verify", "--outdir", $Lake)
if ($verifyCode -ne 0) { Write-Log "verify found problems (exit $verifyCode): see $log" }
Write-Log "nightly update finished with exit $status"
exit $status

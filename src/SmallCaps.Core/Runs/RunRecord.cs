namespace SmallCaps.Core.Runs;

/// <summary>What <c>launch</c> records about a background run (<c>run.json</c>). Never holds the API key.</summary>
internal sealed record RunRecord
{
    /// <summary>Version of this file's shape.</summary>
    public int Schema { get; init; } = 1;

    /// <summary>Run id, e.g. <c>20261121T073500Z-3f9a</c>.</summary>
    public required string RunId { get; init; }

    /// <summary>Ingest verb (<c>ingest-daily</c>, <c>ingest-minute</c>, <c>ingest-trades</c>, <c>ingest-quotes</c>).</summary>
    public required string Verb { get; init; }

    /// <summary>Lake dataset the verb writes (<c>bars_1d</c>, <c>bars_1m</c>, <c>trades</c>, <c>quotes</c>, <c>quotes_1hz</c>).</summary>
    public required string Dataset { get; init; }

    /// <summary>The command line with the key removed.</summary>
    public required string CommandLine { get; init; }

    /// <summary>Full path of the lake.</summary>
    public required string Outdir { get; init; }

    /// <summary>Full path of the universe CSV (bar verbs), else null.</summary>
    public string? TickersCsv { get; init; }

    /// <summary>Requested first date, YYYY-MM-DD (bar verbs), else null.</summary>
    public string? From { get; init; }

    /// <summary>Requested last date, YYYY-MM-DD (bar verbs), else null.</summary>
    public string? To { get; init; }

    /// <summary>Whether the bar verb was given <c>--former-tickers</c> (status plans the same tickers and dates).</summary>
    public bool FormerTickers { get; init; }

    /// <summary>Bar verbs: run with <c>--retry-not-entitled</c> (status then counts those windows as left).</summary>
    public bool RetryNotEntitled { get; init; }

    /// <summary>The <c>launch</c> command that resumes this run from any folder (absolute paths, launch's own options); null in older records.</summary>
    public string? ResumeCommandLine { get; init; }

    /// <summary>Full path of the manifest (trades and quotes verbs), else null.</summary>
    public string? Manifest { get; init; }

    /// <summary>Whether a supervisor restarts the ingest after crashes.</summary>
    public bool Supervised { get; init; }

    /// <summary>Pid of the detached process (the supervisor when supervised, else the ingest).</summary>
    public required int Pid { get; init; }

    /// <summary>Start time of that process as the OS reports it (defeats pid reuse).</summary>
    public DateTimeOffset? ProcessStartedAt { get; init; }

    /// <summary>The OS's fixed start stamp of that process (see <see cref="ProcessLiveness.StartTicksOf"/>): exact, unlike the time.</summary>
    public long? ProcessStartTicks { get; init; }

    /// <summary>Host the run was launched on.</summary>
    public required string Host { get; init; }

    /// <summary>When launch started it.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Console log of the run.</summary>
    public required string LogPath { get; init; }
}

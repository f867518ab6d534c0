namespace SmallCaps.Core.Ingest;

/// <summary>The process exit codes of the command-line contract.</summary>
public static class ExitCodes
{
    /// <summary>Everything done.</summary>
    public const int Ok = 0;

    /// <summary>Finished, but some tasks failed, or stopped early by a full disk or an outage; a re-run resumes.</summary>
    public const int SomeFailed = 1;

    /// <summary>Bad input or usage; nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>Key rejected or plan not entitled.</summary>
    public const int KeyRejected = 3;

    /// <summary>Another run holds the outdir.</summary>
    public const int OutdirLocked = 4;

    /// <summary>Interrupted (Ctrl+C, SIGTERM); a re-run resumes.</summary>
    public const int Interrupted = 130;

    /// <summary>The exit code of a run stopped by <paramref name="ex"/>: 3 for a rejected key (asking again cannot help), 1 for an outage (a later run resumes).</summary>
    public static int ForRunFatal(Http.MassiveApiException ex) =>
        ex.Kind == Http.MassiveErrorKind.Unavailable ? SomeFailed : KeyRejected;
}

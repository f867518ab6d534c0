namespace SmallCaps.Core.Ledger;

/// <summary>Another live run holds the outdir (exit code 4). The message names the holder.</summary>
public sealed class OutdirLockedException : Exception
{
    /// <summary>Creates the error.</summary>
    public OutdirLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public OutdirLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an empty error.</summary>
    public OutdirLockedException()
    {
    }
}

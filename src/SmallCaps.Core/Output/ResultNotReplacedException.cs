namespace SmallCaps.Core.Output;

/// <summary>A finished result could not replace the file the user named; it was kept at <see cref="KeptAt"/> instead.</summary>
public sealed class ResultNotReplacedException : IOException
{
    /// <summary>Creates the exception for <paramref name="target"/>, whose result is at <paramref name="keptAt"/>.</summary>
    public ResultNotReplacedException(string target, string keptAt, Exception innerException)
        : base($"could not replace {target} ({innerException.Message} Is it open in another program, e.g. Excel?); the result was written to {keptAt}", innerException)
    {
        Target = target;
        KeptAt = keptAt;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ResultNotReplacedException()
        : this(string.Empty, string.Empty, new IOException())
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ResultNotReplacedException(string message)
        : base(message)
    {
        Target = string.Empty;
        KeptAt = string.Empty;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ResultNotReplacedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Target = string.Empty;
        KeptAt = string.Empty;
    }

    /// <summary>The file that could not be replaced.</summary>
    public string Target { get; }

    /// <summary>Where the result is.</summary>
    public string KeptAt { get; }
}

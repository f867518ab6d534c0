namespace SmallCaps.Core.Universe;

/// <summary>Bad universe input (options, snapshot files): a one-line message naming the file and the problem (exit code 2).</summary>
public sealed class UniverseInputException : Exception
{
    public UniverseInputException()
    {
    }

    public UniverseInputException(string message)
        : base(message)
    {
    }

    public UniverseInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace SmallCaps.Core.Input;

/// <summary>Bad user input: the message is one line naming the file, line and value (exit code 2).</summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the error with its one-line message.</summary>
    public InputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its one-line message and cause.</summary>
    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an empty error (serialization and analyzers).</summary>
    public InputException()
    {
    }
}

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

    /// <summary>Creates the error for several bad rows: the message lists them one per line, the first and the count kept apart.</summary>
    internal InputException(string message, string firstProblem, int problemCount)
        : base(message)
    {
        FirstProblem = firstProblem;
        ProblemCount = problemCount;
    }

    /// <summary>The first bad row when the error lists several (<see cref="RowProblems"/>), else the message.</summary>
    public string FirstProblem { get => field ?? Message; private init; }

    /// <summary>How many bad rows the error stands for (1 unless <see cref="RowProblems"/> collected several).</summary>
    public int ProblemCount { get; private init; } = 1;

    /// <summary>Creates an empty error (serialization and analyzers).</summary>
    public InputException()
    {
    }
}

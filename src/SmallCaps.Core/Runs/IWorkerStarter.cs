namespace SmallCaps.Core.Runs;

/// <summary>Starts one ingest process for the supervisor (a real process in production, a fake in tests).</summary>
public interface IWorkerStarter
{
    /// <summary>Starts attempt <paramref name="attempt"/> and returns its handle.</summary>
    IWorkerProcess Start(int attempt);
}

/// <summary>A started ingest process.</summary>
public interface IWorkerProcess : IDisposable
{
    /// <summary>Its pid.</summary>
    int Pid { get; }

    /// <summary>Its OS start time, if known.</summary>
    DateTimeOffset? StartedAt { get; }

    /// <summary>Waits for it to exit and returns the exit code.</summary>
    Task<int> WaitForExitAsync(CancellationToken cancellationToken);

    /// <summary>Ends it and its children at once.</summary>
    void Kill();
}

namespace SmallCaps.Core.Runs;

/// <summary>A started ingest process.</summary>
internal interface IWorkerProcess : IDisposable
{
    /// <summary>Its pid.</summary>
    int Pid { get; }

    /// <summary>Its OS start time, if known.</summary>
    DateTimeOffset? StartedAt { get; }

    /// <summary>Its fixed OS start stamp, if known (exact identity against pid reuse).</summary>
    long? StartTicks => null;

    /// <summary>Waits for it to exit and returns the exit code.</summary>
    Task<int> WaitForExitAsync(CancellationToken cancellationToken);

    /// <summary>Ends it and its children at once.</summary>
    void Kill();
}

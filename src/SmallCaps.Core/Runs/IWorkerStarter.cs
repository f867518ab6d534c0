namespace SmallCaps.Core.Runs;

/// <summary>Starts one ingest process for the supervisor (a real process in production, a fake in tests).</summary>
internal interface IWorkerStarter
{
    /// <summary>Starts attempt <paramref name="attempt"/> and returns its handle.</summary>
    IWorkerProcess Start(int attempt);
}

namespace SmallCaps.Core.Runs;

/// <summary>Where a background run stands, as <c>status</c> reports it.</summary>
internal enum RunState
{
    /// <summary>No run was ever launched in the workdir.</summary>
    None,

    /// <summary>The run's process is alive (possibly paused or stopping).</summary>
    Running,

    /// <summary>Ended on its own: exit 0 (done), 1 (some tasks failed), 2, 3 or 4.</summary>
    Finished,

    /// <summary>Ended by a stop request or an interrupt (exit 130); a new launch resumes.</summary>
    Stopped,

    /// <summary>Its process died without recording an end, or the supervisor gave up after repeated crashes.</summary>
    Crashed,
}

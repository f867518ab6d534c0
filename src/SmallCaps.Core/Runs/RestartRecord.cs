namespace SmallCaps.Core.Runs;

/// <summary>One crash of a supervised ingest and what the supervisor did about it.</summary>
/// <param name="At">When the crash was seen.</param>
/// <param name="Attempt">Attempt that crashed (1 = the first ingest process).</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Cause">Readable cause (signal, Windows status, exit code).</param>
/// <param name="Delay">Backoff before the next attempt (zero when it gave up).</param>
/// <param name="GaveUp">True when this crash exhausted the crash budget.</param>
internal sealed record RestartRecord(DateTimeOffset At, int Attempt, int ExitCode, string Cause, TimeSpan Delay, bool GaveUp);

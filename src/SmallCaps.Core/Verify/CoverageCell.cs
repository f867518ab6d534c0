namespace SmallCaps.Core.Verify;

/// <summary>One ticker-year of the coverage map.</summary>
/// <param name="Ticker">Ticker.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="ExpectedSessions">NYSE sessions inside the active span and the fetched daily windows.</param>
/// <param name="DailySessions">Of those, sessions with a daily bar.</param>
/// <param name="ExpectedMinuteSessions">Sessions with a daily bar inside the fetched minute windows.</param>
/// <param name="MinuteSessions">Of those, sessions with minute bars.</param>
/// <param name="Findings">Findings placed in this year.</param>
public sealed record CoverageCell(string Ticker, int Year, int ExpectedSessions, int DailySessions, int ExpectedMinuteSessions, int MinuteSessions, int Findings);

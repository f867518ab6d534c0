using NodaTime;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Ingest;

/// <summary>
/// The newest bar window a 403 covered in this run: plans limit history by age, so that window and every older
/// one of the dataset settle as not-entitled without asking the vendor again. Thread-safe.
/// </summary>
internal sealed class NotEntitledWindows
{
    private readonly Lock _gate = new();
    private LocalDate? _through;
    private string? _message;

    /// <summary>The vendor's message when an earlier 403 covers <paramref name="key"/>, or null.</summary>
    public string? Covering(TaskKey key)
    {
        lock (_gate)
        {
            return _through is { } through && key.WindowEnd <= through ? _message : null;
        }
    }

    /// <summary>Remembers a 403 on <paramref name="key"/> when it reaches further than the ones before.</summary>
    public void Add(TaskKey key, string message)
    {
        lock (_gate)
        {
            if (_through is null || key.WindowEnd > _through)
            {
                _through = key.WindowEnd;
                _message = message;
            }
        }
    }
}

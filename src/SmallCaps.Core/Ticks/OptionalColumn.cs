namespace SmallCaps.Core.Ticks;

/// <summary>A growable page column of fixed-width values with a presence flag per row (absent or null JSON fields).</summary>
/// <typeparam name="T">long, int or double.</typeparam>
internal sealed class OptionalColumn<T>
    where T : struct
{
    private T[] _values = new T[1024];
    private bool[] _present = new bool[1024];

    public int Count { get; private set; }

    public ReadOnlySpan<T> Values => _values.AsSpan(0, Count);

    public ReadOnlySpan<bool> Present => _present.AsSpan(0, Count);

    public void Reset() => Count = 0;

    /// <summary>Adds an absent slot for a new row.</summary>
    public void AddRow()
    {
        if (Count == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
            Array.Resize(ref _present, _present.Length * 2);
        }

        _values[Count] = default;
        _present[Count] = false;
        Count++;
    }

    /// <summary>Sets the last row's value.</summary>
    public void Set(T value)
    {
        _values[Count - 1] = value;
        _present[Count - 1] = true;
    }

    public bool Has(int row) => _present[row];

    public T this[int row] => _values[row];

    /// <summary>Appends row <paramref name="row"/> of <paramref name="source"/> as a new row.</summary>
    public void CopyRow(OptionalColumn<T> source, int row)
    {
        AddRow();
        if (source._present[row])
        {
            Set(source._values[row]);
        }
    }
}

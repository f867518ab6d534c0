namespace SmallCaps.Core.Api;

/// <summary>Finds where a JSON object ends without validating it (the fallback reader validates what it is given).</summary>
internal static class JsonObjectExtent
{
    /// <summary>
    /// The length of the object starting at <paramref name="data"/>[0] (a <c>{</c>) up to its matching close, or -1
    /// when <paramref name="data"/> ends first. Strings (with escapes) are skipped; brackets are counted, not paired.
    /// </summary>
    public static int Length(ReadOnlySpan<byte> data)
    {
        // A plain loop: rows are short, and a vectorized search per quote costs more than it saves on them.
        var depth = 0;
        for (var i = 0; i < data.Length; i++)
        {
            switch (data[i])
            {
                case (byte)'"':
                    i = ClosingQuote(data, i + 1);
                    if (i < 0)
                    {
                        return -1;
                    }

                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    // A mismatched close still ends the count: the reader then reports the real syntax error.
                    if (--depth <= 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return -1;
    }

    // Index of the quote closing a string whose content starts at 'from', or -1 when the data ends first.
    private static int ClosingQuote(ReadOnlySpan<byte> data, int from)
    {
        for (var i = from; i < data.Length; i++)
        {
            if (data[i] == (byte)'\\')
            {
                // Escapes the next byte (\" or \\); \uXXXX needs no special care here.
                i++;
            }
            else if (data[i] == (byte)'"')
            {
                return i;
            }
        }

        return -1;
    }
}

using System.Text;

namespace SmallCaps.Simulator.Paging;

/// <summary>
/// The effective query of a request: its own parameters, or those a <c>cursor</c> carries (base64url of the
/// original query plus the resume point, as the vendor does). The API key is never part of it.
/// </summary>
internal sealed class QueryState
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    public string? this[string name] => _values.TryGetValue(name, out var v) ? v : null;

    public static QueryState From(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var q = new QueryState();
        string? cursor = null;
        foreach (var (k, v) in pairs)
        {
            if (k == "cursor")
            {
                cursor = v;
            }
            else if (k != "apiKey")
            {
                q._values[k] = v;
            }
        }

        if (cursor is not null)
        {
            q._values.Clear();
            foreach (var (k, v) in ParseQueryString(Decode(cursor)))
            {
                q._values[k] = v;
            }
        }

        return q;
    }

    public QueryState With(string name, string? value)
    {
        var q = new QueryState();
        foreach (var (k, v) in _values)
        {
            q._values[k] = v;
        }

        if (value is null)
        {
            q._values.Remove(name);
        }
        else
        {
            q._values[name] = value;
        }

        return q;
    }

    /// <summary>The cursor token: base64url (no padding) of the sorted query string.</summary>
    public string ToCursor()
    {
        var text = string.Join('&', _values.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Decode(string cursor)
    {
        var s = cursor.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException)
        {
            throw new BadRequestException("Invalid cursor.");
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> ParseQueryString(string text)
    {
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var k = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var v = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            yield return new KeyValuePair<string, string>(k, v);
        }
    }
}

using System.Globalization;
using System.Text;

namespace SmallCaps.Core.Tests.Api;

/// <summary>
/// Random aggregates bodies for differential tests: any key order, whitespace anywhere, optional and null fields,
/// escaped names and strings, exponents, -0.0, long mantissas, unknown fields of any shape (some huge), results
/// null/missing/single object, next_url before or after results, and now and then a value of the wrong type.
/// </summary>
internal sealed class RandomAggregatesBody(Random random)
{
    private static readonly string[] Whitespace = [" ", "\n", "\r\n", "\t", "  "];

    private static readonly string[] Numbers =
    [
        "0", "-0", "-0.0", "1", "12.5", "3.2100", "1.029145e+06", "7E2", "1e-7", "2.5E-3", "123456789012345",
        "1234567890123456789", "0.1234567890123456789", "9007199254740993", "1e308", "4.9e-324", "-17.25", "1e400",
    ];

    private readonly StringBuilder _json = new();

    /// <summary>A body of up to <paramref name="maxRows"/> bars.</summary>
    public byte[] Build(int maxRows)
    {
        _json.Clear();
        var members = new List<Action>
        {
            () => Member("ticker", () => String(Pick("AAPL", "BRK.A", "SM\\u0043P", "T\\\"Q"))),
            () => Member("status", () => Raw(Pick("\"OK\"", "\"DELAYED\"", "\"D\\u0045LAYED\"", "\"ERROR\"", "null", "1"))),
            () => Member("request_id", () => String(Pick("6a7e466379af0a71039d60cc78e72282", "r\\n1", "\\u00e9t\\u00e9"))),
            () => Member("resultsCount", () => Raw(Pick("5", "0", "1.5", "99999999999", "\"7\"", "null"))),
            () => Member("queryCount", () => Raw(Pick("5", "-3", "2e3"))),
            () => Member("count", () => Raw(Pick("5", "null", "[1]", "{\"a\":1}"))),
            () => Member("adjusted", () => Raw(Pick("true", "false", "null", "\"yes\""))),
            () => Member(Pick("next_url", "next\\u005furl"), () => Raw(Pick("\"https://api.massive.com/v2/aggs/ticker/X/range/1/minute/1/2?cursor=a%2Fb\"", "null", "\"/v2/x?c=\\u0031\"", "{\"u\":[1]}"))),
            () => Member(Pick("error", "message"), () => String(Pick("busy", "it's \\\"bad\\\""))),
        };
        members = [.. members.Where(_ => random.Next(3) > 0)];
        for (var u = random.Next(4); u > 0; u--)
        {
            members.Add(() => Member(Pick("meta", "x", "results_extra", "\\u0072esults2"), () => Unknown(random.Next(20) == 0 ? 4 : 2)));
        }

        switch (random.Next(12))
        {
            case 0:
                members.Add(() => Member("results", () => Raw("null")));
                break;
            case 1:
                break;
            case 2:
                members.Add(() => Member("results", () => Row(allowBad: true)));
                break;
            default:
                members.Add(() => Member(random.Next(15) == 0 ? "\\u0072esults" : "results", () => Rows(random.Next(maxRows + 1))));
                break;
        }

        Shuffle(members);
        Space();
        _json.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                _json.Append(',');
            }

            Space();
            members[i]();
            Space();
        }

        _json.Append('}');
        Space();
        return Encoding.UTF8.GetBytes(_json.ToString());
    }

    /// <summary>A plain vendor-shaped row array, for bodies that must decode.</summary>
    public void Rows(int count)
    {
        _json.Append('[');
        Space();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _json.Append(',');
                Space();
            }

            Row(allowBad: random.Next(400) == 0);
            Space();
        }

        _json.Append(']');
    }

    private void Row(bool allowBad)
    {
        var fields = new List<Action>
        {
            () => Member(Name("t"), () => Raw(random.Next(30) == 0 ? Pick("1.6e12", "96.0", "-0", "1.5") : (1_600_000_000_000L + random.Next(1_000_000)).ToString(CultureInfo.InvariantCulture))),
            () => Member(Name("o"), Number),
            () => Member(Name("h"), Number),
            () => Member(Name("l"), Number),
            () => Member(Name("c"), Number),
            () => Member(Name("v"), Number),
        };
        if (allowBad)
        {
            fields.RemoveAt(random.Next(fields.Count));
            fields.Add(() => Member("o", () => Raw(Pick("\"x\"", "true", "[1]", "{}"))));
        }

        if (random.Next(4) > 0)
        {
            fields.Add(() => Member(Name("vw"), () => Raw(random.Next(20) == 0 ? "null" : NumberText())));
        }

        if (random.Next(4) > 0)
        {
            fields.Add(() => Member(Name("n"), () => Raw(random.Next(20) == 0 ? Pick("null", "96.0", "1e3") : random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture))));
        }

        if (random.Next(6) == 0)
        {
            fields.Add(() => Member(Name("otc"), () => Raw(Pick("true", "false", "null"))));
        }

        if (random.Next(10) == 0)
        {
            fields.Add(() => Member(Name("T"), () => Raw(Pick("\"GIK\"", "\"BRK.A\"", "\"\\u0041B\"", "\"Ä\"", "null"))));
        }

        if (random.Next(25) == 0)
        {
            fields.Add(() => Member(Pick("x", "results", "tt"), () => Unknown(2)));
        }

        if (random.Next(40) == 0)
        {
            // A repeated key: the reader keeps the last value.
            fields.Add(() => Member("o", Number));
        }

        Shuffle(fields);
        _json.Append('{');
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                _json.Append(',');
            }

            Space();
            fields[i]();
            Space();
        }

        _json.Append('}');
    }

    private string Name(string name) => random.Next(30) == 0 ? string.Concat(name.Select(ch => $"\\u{(int)ch:x4}")) : name;

    private void Member(string name, Action value)
    {
        _json.Append('"').Append(name).Append('"');
        Space();
        _json.Append(':');
        Space();
        value();
    }

    private void Number() => Raw(NumberText());

    private string NumberText() => random.Next(5) == 0
        ? Pick(Numbers)
        : Math.Round(random.NextDouble() * 100, random.Next(0, 6)).ToString("R", CultureInfo.InvariantCulture);

    // Unknown values of any shape; depth 4 with long arrays makes huge fields.
    private void Unknown(int depth)
    {
        switch (depth <= 0 ? random.Next(4) : random.Next(7))
        {
            case 0:
                Raw(NumberText());
                break;
            case 1:
                String(Pick("plain", "esc\\\"aped\\\\", "\\ud83d\\ude00", "{[not structure]}"));
                break;
            case 2:
                Raw(Pick("true", "false", "null"));
                break;
            case 3:
                String(new string('s', depth >= 2 ? random.Next(50_000) : random.Next(10)));
                break;
            case 4:
            case 5:
                _json.Append('[');
                for (var i = random.Next(depth > 3 ? 3000 : 5); i > 0; i--)
                {
                    Unknown(depth - 1);
                    _json.Append(i > 1 ? "," : string.Empty);
                    Space();
                }

                _json.Append(']');
                break;
            default:
                _json.Append('{');
                for (var i = random.Next(4); i > 0; i--)
                {
                    Member(Pick("a", "results", "t", "b\\u0062"), () => Unknown(depth - 1));
                    _json.Append(i > 1 ? "," : string.Empty);
                }

                _json.Append('}');
                break;
        }
    }

    private void String(string escapedContent) => _json.Append('"').Append(escapedContent).Append('"');

    private void Raw(string text) => _json.Append(text);

    private void Space()
    {
        if (random.Next(5) == 0)
        {
            _json.Append(Whitespace[random.Next(Whitespace.Length)]);
        }
    }

    private string Pick(params string[] options) => options[random.Next(options.Length)];

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

using System.Globalization;
using System.Text;

namespace SmallCaps.Core.Tests.Api;

/// <summary>
/// Bars in the vendor's compact form (<c>{"v":_,"vw":_,"o":_,"c":_,"h":_,"l":_,"t":_,"n":_}</c>) for the template's
/// differential tests: most rows plain with numbers of every common shape, the rest bent in one way each (vw/n/otc
/// missing or odd, negative numbers, leading zeros, 19+ digit mantissas, exponents, keys escaped, reordered or
/// unknown, whitespace, nulls, a value of the wrong type).
/// </summary>
internal sealed class RandomVendorRows(Random random)
{
    private static readonly string[] OddNumbers =
    [
        "-0", "-0.0", "0", "0.0", "-12.5", "-1", "00.5", "01", "0.5", "1.", ".5", "1e", "1e+", "-", "--1", "1.5.5",
        "12345678901234567890", "1234567890123456789", "0.1234567890123456789", "9007199254740993", "9007199254740992",
        "123456789012345678", "12345678.12345678", "1.2345678901234567", "1e400", "4.9e-324", "1e-7", "2.5E-3", "7E2",
        "1.029145e+06", "1.5e3", "1E+22", "1e23", "1e-22", "1e-23", "0e400", "123456789", "99999999", "100000000",
        "0.00000001", "1.000000", "3.14159265358979", "1e0001", "1e-0", "8.0", "12.50", "-1.5e-3",
    ];

    private static readonly string[] OddIntegers =
    [
        "1.6e12", "96.0", "-0", "-5", "0", "01", "1.5", "1e3", "12345678901234567", "1234567890123456", "123456789",
        "12345678", "9223372036854775807", "9223372036854775808", "\"7\"", "null", "true",
    ];

    /// <summary>Whether the last row built was left plain (the template must take it).</summary>
    public bool LastWasPlain { get; private set; }

    /// <summary>One row; <paramref name="oddOneIn"/> rows in that many are bent.</summary>
    public string Row(int oddOneIn)
    {
        var odd = random.Next(oddOneIn) == 0 ? random.Next(15) : -1;
        LastWasPlain = odd < 0;
        var fields = new List<(string Key, string Value)> { ("v", Volume()) };
        if (random.Next(10) > 0)
        {
            fields.Add(("vw", Price()));
        }

        fields.Add(("o", Price()));
        fields.Add(("c", Price()));
        fields.Add(("h", Price()));
        fields.Add(("l", Price()));
        fields.Add(("t", (1_600_000_000_000L + (random.Next(1_000_000) * 60_000L)).ToString(CultureInfo.InvariantCulture)));
        if (random.Next(8) > 0)
        {
            fields.Add(("n", random.Next(1, random.Next(2) == 0 ? 100 : 10_000_000).ToString(CultureInfo.InvariantCulture)));
        }

        var otc = random.Next(12) == 0;
        var i = random.Next(fields.Count);
        switch (odd)
        {
            case 0:
                fields[i] = (fields[i].Key, fields[i].Key is "t" or "n" ? Pick(OddIntegers) : Pick(OddNumbers));
                break;
            case 1:
                fields.Insert(random.Next(fields.Count + 1), (Pick("x", "otc", "T", "vwap", "results"), Pick("1", "\"a\"", "true", "false", "null", "[1,2]", "{\"t\":1}")));
                break;
            case 2:
                fields.Insert(random.Next(fields.Count + 1), ("otc", Pick("true", "false", "null")));
                otc = false;
                break;
            case 3:
                (fields[i], fields[^1]) = (fields[^1], fields[i]);
                break;
            case 4:
                fields[i] = (string.Concat(fields[i].Key.Select(ch => $"\\u{(int)ch:x4}")), fields[i].Value);
                break;
            case 5:
                fields[i] = (fields[i].Key, "null");
                break;
            case 6:
                fields.RemoveAt(i);
                break;
            case 7:
                fields.Add((fields[i].Key, Price()));
                break;
            case 8:
                fields[i] = (fields[i].Key, fields[i].Value.Length > 1 && random.Next(2) == 0 ? fields[i].Value.Insert(1, Pick("x", " ", ",")) : "\"" + fields[i].Value + "\"");
                break;
            case 9:
                fields[i] = (fields[i].Key, "-" + fields[i].Value);
                break;
            case 10:
                fields[i] = (fields[i].Key, fields[i].Value + Pick("0", "00", "1", "e1", "e-1", "E+2"));
                break;
            case 11:
                fields[i] = (fields[i].Key, "0" + fields[i].Value);
                break;
            case 14:
                fields[i] = (fields[i].Key, (random.NextDouble() * Math.Pow(10, random.Next(-3, 9))).ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                break;
        }

        var json = new StringBuilder("{");
        for (var k = 0; k < fields.Count; k++)
        {
            json.Append(k > 0 ? "," : string.Empty).Append(Space(odd == 12)).Append('"').Append(fields[k].Key).Append('"').Append(Space(odd == 12)).Append(':').Append(Space(odd == 12)).Append(fields[k].Value).Append(Space(odd == 12));
        }

        if (otc)
        {
            json.Append(odd == 13 ? ",\"otc\":tru" : ",\"otc\":true");
        }

        return json.Append('}').ToString();
    }

    /// <summary>A results array body of <paramref name="rows"/> rows, with some plain envelope members around it.</summary>
    public byte[] Body(int rows, int oddOneIn)
    {
        var json = new StringBuilder("{\"ticker\":\"SMCP\",\"queryCount\":1,\"results\":[");
        for (var i = 0; i < rows; i++)
        {
            json.Append(i > 0 ? "," : string.Empty).Append(Row(oddOneIn));
        }

        json.Append("],\"status\":\"OK\",\"request_id\":\"abc\",\"count\":").Append(rows).Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    // The common price shapes, at most 8 characters with or without a '.' (longer ones are bent rows).
    private string Price() => random.Next(8) switch
    {
        0 => random.Next(1, 1000).ToString(CultureInfo.InvariantCulture),
        1 => Math.Round(random.NextDouble(), random.Next(1, 7)).ToString("R", CultureInfo.InvariantCulture),
        2 => random.Next(0, 100).ToString(CultureInfo.InvariantCulture) + "." + random.Next(0, 10_000).ToString("D" + random.Next(1, 5).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        _ => Math.Round(random.NextDouble() * 100, random.Next(0, 5)).ToString("R", CultureInfo.InvariantCulture),
    };

    private string Volume() => random.Next(6) switch
    {
        0 => (random.Next(100, 10_000_000) / 1e6).ToString("0.######", CultureInfo.InvariantCulture) + Pick("e+06", "e+6", "E6", "e06"),
        1 => Math.Round(random.NextDouble() * 100_000, random.Next(1, 5)).ToString("R", CultureInfo.InvariantCulture),
        2 => random.Next(1, 100_000_000).ToString(CultureInfo.InvariantCulture),
        _ => random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture),
    };

    private string Space(bool on) => on && random.Next(3) == 0 ? Pick(" ", "\n", "\t", "\r\n") : string.Empty;

    private string Pick(params string[] options) => options[random.Next(options.Length)];
}

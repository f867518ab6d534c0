using System.Text;

namespace SmallCaps.Cli.Commands;

/// <summary>Writes through to the console and copies each finished line to the run log (scheduled runs may lose stdout).</summary>
internal sealed class LoggedTextWriter(TextWriter console, Serilog.ILogger log) : TextWriter
{
    private readonly StringBuilder _line = new();

    /// <inheritdoc />
    public override Encoding Encoding => console.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        console.Write(value);
        Append(value);
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        console.Write(value);
        foreach (var c in value ?? string.Empty)
        {
            Append(c);
        }
    }

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        Write(value);
        WriteLine();
    }

    /// <inheritdoc />
    public override void WriteLine()
    {
        console.WriteLine();
        EndLine();
    }

    /// <inheritdoc />
    public override void Flush()
    {
        console.Flush();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _line.Length > 0)
        {
            EndLine();
        }

        base.Dispose(disposing);
    }

    private void Append(char c)
    {
        if (c == '\n')
        {
            EndLine();
        }
        else if (c != '\r')
        {
            _line.Append(c);
        }
    }

    private void EndLine()
    {
        log.Information("{Line}", _line.ToString());
        _line.Clear();
    }
}

namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift KeyValue: one entry of file or column key-value metadata.</summary>
internal sealed class KeyValue
{
    public string Key { get; set; } = string.Empty;

    public string? Value { get; set; }

    public static KeyValue Read(CompactReader r)
    {
        var kv = new KeyValue();
        var hasKey = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: kv.Key = r.ReadString(); hasKey = true; break;
                case 2 when type == CompactType.Binary: kv.Value = r.ReadString(); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        return hasKey ? kv : throw r.Fail("KeyValue without key");
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteStringField(1, Key);
        if (Value is not null)
        {
            w.WriteStringField(2, Value);
        }

        w.EndStruct();
    }
}

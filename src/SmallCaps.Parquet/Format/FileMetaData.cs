namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift FileMetaData: the footer describing schema, row groups and writer.</summary>
internal sealed class FileMetaData
{
    public int Version { get; set; } = 1;

    /// <summary>Depth-first flattened schema; element 0 is the root.</summary>
    public List<SchemaElement> Schema { get; set; } = [];

    public long NumRows { get; set; }

    public List<RowGroup> RowGroups { get; set; } = [];

    public List<KeyValue>? KeyValueMetadata { get; set; }

    public string? CreatedBy { get; set; }

    public List<ColumnOrder>? ColumnOrders { get; set; }

    /// <summary>True when the footer declares encryption (field 8), which this engine does not support.</summary>
    public bool HasEncryptionAlgorithm { get; set; }

    public static FileMetaData Read(CompactReader r)
    {
        var m = new FileMetaData();
        var seen = 0;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: m.Version = r.ReadI32(); seen |= 1; break;
                case 2 when type == CompactType.List: m.Schema = r.ReadList(CompactType.Struct, SchemaElement.Read); seen |= 2; break;
                case 3 when type == CompactType.I64: m.NumRows = r.ReadI64(); seen |= 4; break;
                case 4 when type == CompactType.List: m.RowGroups = r.ReadList(CompactType.Struct, RowGroup.Read); seen |= 8; break;
                case 5 when type == CompactType.List: m.KeyValueMetadata = r.ReadList(CompactType.Struct, KeyValue.Read); break;
                case 6 when type == CompactType.Binary: m.CreatedBy = r.ReadString(); break;
                case 7 when type == CompactType.List: m.ColumnOrders = r.ReadList(CompactType.Struct, ColumnOrder.Read); break;
                case 8: m.HasEncryptionAlgorithm = true; r.Skip(type); break;
                default: r.Skip(type); break;
            }
        }

        r.EndStruct();
        if ((seen & 14) != 14)
        {
            throw r.Fail("FileMetaData misses schema, num_rows or row_groups");
        }

        if (m.Schema.Count == 0)
        {
            throw r.Fail("FileMetaData has an empty schema");
        }

        return m;
    }

    /// <summary>
    /// Parses the footer from a file's last bytes: <paramref name="tail"/> must end with
    /// <c>[metadata][4-byte LE length]PAR1</c> and contain the whole metadata.
    /// Use <see cref="FooterLength"/> first to learn how many tail bytes are needed.
    /// </summary>
    public static FileMetaData ReadFromTail(ReadOnlyMemory<byte> tail, string? sourceName = null)
    {
        var length = FooterLength(tail.Span, long.MaxValue, sourceName);
        if (length + 8 > tail.Length)
        {
            throw new ParquetFormatException(sourceName, $"footer of {length} bytes is longer than the {tail.Length - 8} bytes given");
        }

        var start = tail.Length - 8 - (int)length;
        return Read(new CompactReader(tail.Slice(start, (int)length), sourceName));
    }

    /// <summary>Reads the metadata length from the last 8 bytes of a file (checks the PAR1 magic and that it fits in <paramref name="fileLength"/>).</summary>
    public static int FooterLength(ReadOnlySpan<byte> tail, long fileLength, string? sourceName = null)
    {
        if (tail.Length < 8)
        {
            throw new ParquetFormatException(sourceName, "file is too short to be Parquet (no footer)");
        }

        var last8 = tail[^8..];
        if (last8[4] != (byte)'P' || last8[5] != (byte)'A' || last8[6] != (byte)'R' || last8[7] != (byte)'1')
        {
            if (last8[4] == (byte)'P' && last8[5] == (byte)'A' && last8[6] == (byte)'R' && last8[7] == (byte)'E')
            {
                throw new ParquetFormatException(sourceName, "file uses an encrypted footer (PARE), which is not supported");
            }

            throw new ParquetFormatException(sourceName, "file does not end with the PAR1 magic (truncated, unfinished or not Parquet)");
        }

        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(last8);
        if (length <= 0 || length > fileLength - 12)
        {
            throw new ParquetFormatException(sourceName, $"footer length {length} does not fit in a file of {fileLength} bytes");
        }

        return length;
    }

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, Version);
        w.WriteListFieldHeader(2, CompactType.Struct, Schema.Count);
        foreach (var e in Schema)
        {
            e.Write(w);
        }

        w.WriteI64Field(3, NumRows);
        w.WriteListFieldHeader(4, CompactType.Struct, RowGroups.Count);
        foreach (var g in RowGroups)
        {
            g.Write(w);
        }

        if (KeyValueMetadata is not null)
        {
            w.WriteListFieldHeader(5, CompactType.Struct, KeyValueMetadata.Count);
            foreach (var kv in KeyValueMetadata)
            {
                kv.Write(w);
            }
        }

        if (CreatedBy is not null)
        {
            w.WriteStringField(6, CreatedBy);
        }

        if (ColumnOrders is not null)
        {
            w.WriteListFieldHeader(7, CompactType.Struct, ColumnOrders.Count);
            foreach (var o in ColumnOrders)
            {
                o.Write(w);
            }
        }

        w.EndStruct();
    }
}

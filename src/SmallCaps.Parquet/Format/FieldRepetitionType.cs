namespace SmallCaps.Parquet.Format;

/// <summary>parquet.thrift FieldRepetitionType.</summary>
internal enum FieldRepetitionType
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}

namespace SmallCaps.Core.Ledger;

/// <summary>What the ledger records about a published file.</summary>
/// <param name="RelativePath">Path under the outdir, '/' separated.</param>
/// <param name="Rows">Bars in the file.</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">Lower-case hex digest.</param>
/// <param name="FirstT">First bar start, Unix ms.</param>
/// <param name="LastT">Last bar start, Unix ms.</param>
public sealed record CommittedFile(string RelativePath, long Rows, long Bytes, string Sha256, long FirstT, long LastT);

using System.Globalization;
using System.Text;

namespace SmallCaps.Core.Backup;

/// <summary>The README of a snapshot: what it holds and how to restore it with or without smallcaps.</summary>
internal static class SnapshotReadme
{
    public static string Render(string name, string source, string? previous, IReadOnlyList<InventoryEntry> entries)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"# smallcaps snapshot {name}\n\n");
        sb.Append(inv, $"Source: `{source}`  \nFiles: {entries.Count}, {entries.Sum(e => e.Size):N0} bytes  \n");
        sb.Append(previous is null ? "Incremental against: none (first snapshot)\n\n" : $"Incremental against: `{Path.GetFileName(previous)}`\n\n");
        sb.Append("Content lives once in `../../objects/<first 2 hex>/<sha256>`; this folder lists what goes where:\n");
        sb.Append("`inventory.tsv` (path, size, mtime_utc, sha256) and `SHA256SUMS` (sha256sum format).\n");
        sb.Append("The ledger (`_ledger/ledger.db`) was copied with SQLite's backup API; dataset files are the\n");
        sb.Append("ones that copy marks done, so the snapshot is consistent even if an ingest was running.\n\n");
        sb.Append("## Restore with smallcaps\n\n```\n");
        sb.Append(inv, $"smallcaps backup verify --snapshot <this folder>\nsmallcaps backup restore --snapshot <this folder> --to <empty folder>\n```\n\n");
        sb.Append("## Restore by hand (bash)\n\n```bash\n");
        sb.Append("snap=$PWD; dest=/path/to/empty/folder\n");
        sb.Append("tail -n +2 inventory.tsv | while IFS=$'\\t' read -r path size mtime sha; do\n");
        sb.Append("  mkdir -p \"$dest/$(dirname \"$path\")\"; cp \"$snap/../../objects/${sha:0:2}/$sha\" \"$dest/$path\"\n");
        sb.Append("done\ncd \"$dest\" && sha256sum -c \"$snap/SHA256SUMS\"\n```\n\n");
        sb.Append("## Restore by hand (PowerShell)\n\n```powershell\n");
        sb.Append("$snap = Get-Location; $dest = 'D:\\restore'\n");
        sb.Append("Import-Csv inventory.tsv -Delimiter \"`t\" | ForEach-Object {\n");
        sb.Append("  $target = Join-Path $dest $_.path; New-Item -ItemType Directory -Force (Split-Path $target) | Out-Null\n");
        sb.Append("  Copy-Item (Join-Path $snap \"..\\..\\objects\\$($_.sha256.Substring(0,2))\\$($_.sha256)\") $target\n");
        sb.Append("  if ((Get-FileHash $target -Algorithm SHA256).Hash.ToLower() -ne $_.sha256) { Write-Error \"hash mismatch: $($_.path)\" }\n");
        sb.Append("}\n```\n");
        return sb.ToString();
    }
}

namespace SmallCaps.Core.Universe;

/// <summary>What a reference dataset needs this run: the chunks to fetch, and how many were already settled.</summary>
internal sealed record ReferenceChunkPlan(string Dataset, NodaTime.LocalDate Date, IReadOnlyList<ReferenceChunk> ToRun, int Settled)
{
    public int MembersToFetch => ToRun.Sum(c => c.Members.Count);
}

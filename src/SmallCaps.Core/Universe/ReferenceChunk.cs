namespace SmallCaps.Core.Universe;

/// <summary>One reference task to run: its ledger row, its file label and the members it asks for, in order.</summary>
internal sealed record ReferenceChunk(long TaskId, string Label, IReadOnlyList<string> Members);

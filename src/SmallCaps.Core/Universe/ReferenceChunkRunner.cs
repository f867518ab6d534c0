using System.Globalization;
using SmallCaps.Core.Ledger;

namespace SmallCaps.Core.Universe;

/// <summary>
/// Runs the chunk tasks of a reference dataset with the ingest contract (<see cref="ReferenceTaskExecution"/>): each
/// chunk's members are asked, then its rows go to one file in member order. A member's 404 is no failure (no rows,
/// counted). At most <c>chunkParallelism</c> chunks are held in memory; their members are asked
/// <c>memberParallelism</c> at a time through the run's one transport (its worker bound and rate limit apply).
/// </summary>
internal sealed class ReferenceChunkRunner(ReferenceSession session, int chunkParallelism, int memberParallelism, TextWriter output)
{
    public async Task<ReferenceDatasetResult> RunAsync<T>(
        ReferenceChunkPlan plan,
        ReferenceTable<T> table,
        Func<string, CancellationToken, Task<MemberAnswer<T>>> fetch,
        CancellationToken cancellationToken)
    {
        var result = new ReferenceDatasetResult(plan.Dataset, plan.Settled + plan.ToRun.Count, plan.Settled);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, chunkParallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(plan.ToRun, options, async (chunk, ct) => await RunChunkAsync(chunk, plan, table, fetch, result, ct));
        return result;
    }

    private async Task RunChunkAsync<T>(ReferenceChunk chunk, ReferenceChunkPlan plan, ReferenceTable<T> table, Func<string, CancellationToken, Task<MemberAnswer<T>>> fetch, ReferenceDatasetResult result, CancellationToken ct)
    {
        var relative = ReferenceLake.RelativePath(plan.Dataset, plan.Date, chunk.Label);
        var notFound = 0;
        long rows = 0;
        var failure = await ReferenceTaskExecution.RunAsync(session, chunk.TaskId, relative, async token =>
        {
            var answers = new MemberAnswer<T>[chunk.Members.Count];
            var members = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, memberParallelism), CancellationToken = token };
            await Parallel.ForEachAsync(Enumerable.Range(0, answers.Length), members, async (i, t) => answers[i] = await fetch(chunk.Members[i], t));
            notFound = answers.Count(a => a.NotFound);
            if (answers.All(a => a.Rows.Count == 0))
            {
                return null;
            }

            using var part = table.OpenPart(session.Outdir, relative);
            foreach (var answer in answers)
            {
                await part.AppendAsync(answer.Rows, token);
            }

            var committed = await part.CommitAsync(token);
            rows = committed.Rows;
            return committed;
        }, ct);
        if (failure is not null)
        {
            result.Finished(TaskState.Failed, 0, 0, 0, $"{chunk.Label}: {failure}");
            Report(result.Dataset, chunk, "failed: " + failure, 0);
            return;
        }

        var state = rows > 0 ? TaskState.Done : TaskState.Empty;
        result.Finished(state, rows, chunk.Members.Count, notFound);
        Report(result.Dataset, chunk, state == TaskState.Done ? string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows") : "empty", notFound);
    }

    private void Report(string dataset, ReferenceChunk chunk, string what, int notFound)
    {
        var missing = notFound > 0 ? string.Create(CultureInfo.InvariantCulture, $", {notFound:N0} not found") : "";
        lock (output)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {dataset} {chunk.Label}: {chunk.Members.Count:N0} members, {what}{missing}"));
        }
    }
}

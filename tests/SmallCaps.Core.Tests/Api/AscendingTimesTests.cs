using SmallCaps.Core.Api;

namespace SmallCaps.Core.Tests.Api;

public sealed class AscendingTimesTests
{
    [Fact]
    public void Strictly_OneRepeatOrStepBackAtEveryPosition_FalseExactlyWhereTheScalarCheckIs()
    {
        for (var length = 0; length <= 40; length++)
        {
            // Given: ascending times, then each position in turn repeating or going below the time before it
            var times = Enumerable.Range(0, length).Select(i => 1_700_000_000_000L + (i * 60_000L)).ToArray();

            // When / Then
            Assert.True(AscendingTimes.Strictly(times), $"length {length}");
            for (var at = 1; at < length; at++)
            {
                foreach (var delta in new[] { 0L, -1L, -60_001L, 1L })
                {
                    var bent = (long[])times.Clone();
                    bent[at] = bent[at - 1] + delta;
                    Assert.Equal(ScalarStrictly(bent), AscendingTimes.Strictly(bent));
                    Assert.Equal(delta > 0, AscendingTimes.Strictly(bent));
                }
            }
        }
    }

    private static bool ScalarStrictly(long[] times)
    {
        for (var i = 1; i < times.Length; i++)
        {
            if (times[i] <= times[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}

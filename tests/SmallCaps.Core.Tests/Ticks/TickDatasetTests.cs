using SmallCaps.Core.Ticks;

namespace SmallCaps.Core.Tests.Ticks;

public sealed class TickDatasetTests
{
    [Theory]
    [InlineData(1e-300)]
    [InlineData(0.0000001)]
    [InlineData(0.00005)]
    [InlineData(1.0000001)]
    [InlineData(1000.5)]
    [InlineData(double.NaN)]
    public void SampleRateProblem_RateItsFolderNameCannotHold_Problem(double hz)
    {
        // Given / When
        var problem = TickDataset.SampleRateProblem(hz);

        // Then
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData(0.0001, "quotes_0.0001hz")]
    [InlineData(0.123456, "quotes_0.123456hz")]
    [InlineData(1, "quotes_1hz")]
    [InlineData(2.5, "quotes_2.5hz")]
    [InlineData(1000, "quotes_1000hz")]
    public void SampleRateProblem_RateItsNameStandsFor_NoneAndNameRoundTrips(double hz, string name)
    {
        // Given / When
        var problem = TickDataset.SampleRateProblem(hz);
        var dataset = TickDataset.SampledQuotes(hz);

        // Then
        Assert.Null(problem);
        Assert.Equal(name, dataset.Name);
        Assert.Equal(hz, TickDataset.FromName(name)!.SampleHz);
    }
}

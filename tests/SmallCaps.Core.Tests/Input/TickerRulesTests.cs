using SmallCaps.Core.Input;

namespace SmallCaps.Core.Tests.Input;

public sealed class TickerRulesTests
{
    [Fact]
    public void CaseTwinOfHeld_AskedTickerSharingAFolderWithAHeldOne_ReturnsBoth()
    {
        Assert.Null(TickerRules.CaseTwinOfHeld(["AAPL", "MSFT"], ["AAPL", "IBM"]));
        Assert.Equal(("AAPL", "AAPl"), TickerRules.CaseTwinOfHeld(["MSFT", "AAPl"], ["IBM", "AAPL"]));
    }
}

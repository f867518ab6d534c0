using NodaTime;

namespace SmallCaps.Simulator.Market;

/// <summary>A cash dividend as the vendor lists it.</summary>
internal sealed record DividendEvent(
    string Id,
    double CashAmount,
    LocalDate DeclarationDate,
    LocalDate ExDividendDate,
    LocalDate RecordDate,
    LocalDate PayDate,
    int Frequency,
    string DividendType);

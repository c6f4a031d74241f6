using Backend.Ingest.Payments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Backend.Tests.Payments;

/// <summary>The payout report's CSV: any report reads back as written; a line that does not add up is refused by number.</summary>
public sealed class PayoutReportCsvTests
{
    [Property(MaxTest = 200)]
    public Property AnyReportReadsBackAsWritten() => Prop.ForAll(Lines().ToArbitrary(), lines =>
        PayoutReportCsv.Parse(PayoutReportCsv.Write(lines)).SequenceEqual(lines));

    [Fact]
    public void ALineWhoseNetIsNotGrossLessFeeIsRefusedByItsNumber()
    {
        var csv = PayoutReportCsv.Header + "\ncharge,pay_1,pi_1,1000,39,961,2026-12-03T10:00:00.000Z\ncharge,pay_2,pi_2,1000,39,900,2026-12-03T10:00:00.000Z\n";

        Assert.Contains("line 3", Assert.Throws<FormatException>(() => PayoutReportCsv.Parse(csv)).Message);
        Assert.Throws<FormatException>(() => PayoutReportCsv.Parse("type,amount\ncharge,1"));
        Assert.Throws<FormatException>(() => PayoutReportCsv.Parse(PayoutReportCsv.Header + "\npayout,pay_1,pi_1,1,0,1,2026-12-03T10:00:00Z"));
    }

    private static Gen<PayoutLine[]> Lines() =>
        (from charge in Gen.Elements(true, false)
         from id in Gen.Choose(0, 999)
         from gross in Gen.Choose(1, 1_000_000)
         from fee in Gen.Choose(0, 500)
         from seconds in Gen.Choose(0, 100_000_000)
         select charge
             ? new PayoutLine(PayoutLine.Charge, $"pay_{id}", $"pi_{id}", gross, fee, gross - fee, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000L + seconds))
             : new PayoutLine(PayoutLine.Refund, id % 3 == 0 ? null : $"pay_{id}", $"pi_{id}", -gross, 0, -gross, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000L + seconds)))
        .ArrayOf();
}

using System.Globalization;
using System.Text.RegularExpressions;
using Terminal.Firmware.Fares;
using Xunit;

namespace Terminal.Tests.Fares;

/// <summary>The worked examples of docs/fares.md: the example table's bytes and every vector row, read from the document itself.</summary>
public sealed partial class FareVectorTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(NanoGate.NanoGate.RepositoryRoot, "docs", "fares.md"));
    private static readonly FareTable Table = ExampleFareTable.Load();

    public static TheoryData<string> Vectors()
    {
        var rows = new TheoryData<string>();
        foreach (var line in Between("<!-- vectors:begin -->", "<!-- vectors:end -->").Split('\n'))
        {
            if (VectorRow().IsMatch(line))
            {
                rows.Add(line.Trim());
            }
        }

        return rows;
    }

    [Fact]
    public void TheDocumentListsTheVectors() => Assert.Equal(30, Vectors().Count);

    [Fact]
    public void TheExampleTableHasTheDocumentedBytes()
    {
        var dump = Between("<!-- example-table:begin -->", "<!-- example-table:end -->");
        var documented = dump.Split('\n')
            .Where(line => HexLine().IsMatch(line))
            .SelectMany(line => line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
            .Select(hex => byte.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .ToArray();

        Assert.Equal(documented, ExampleFareTable.Builder().BuildUnsigned());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void PricesTheVector(string row)
    {
        var cells = row.Split('|')[1..^1].Select(cell => cell.Trim()).ToArray();
        var card = State(cells[1], cells[2], cells[3], cells[4], cells[5]);
        var tap = Tap(cells[6]);
        var decision = new FareDecision();

        FareEngine.Price(Table, card, tap, decision);

        var outcome = cells[7].Split(' ');
        Assert.Equal(Enum.Parse<FareOutcome>(outcome[0]), decision.Outcome);
        Assert.Equal(outcome.Length > 1 ? Enum.Parse<RefusalReason>(outcome[1]) : RefusalReason.None, decision.Reason);
        Assert.Equal(int.Parse(cells[8], CultureInfo.InvariantCulture), decision.Amount);
        Assert.Equal(Rules(cells[9]), decision.Rules);
        var after = cells[10].Split(' ');
        Assert.Equal(int.Parse(after[0], CultureInfo.InvariantCulture), decision.NewState.Balance);
        Assert.Equal(int.Parse(after[1], CultureInfo.InvariantCulture), decision.NewState.ChargedToday);
    }

    private static TripState State(string type, string balance, string day, string last, string journey)
    {
        var state = new TripState
        {
            CardType = Enum.Parse<CardType>(type),
            Balance = int.Parse(balance, CultureInfo.InvariantCulture),
        };
        if (day != "-")
        {
            var parts = day.Split(' ');
            state.ServiceDay = Table.ServiceDayOf(ExampleFareTable.T) + Offset(parts[0][1..]);
            state.ChargedToday = int.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        if (last != "-")
        {
            var parts = last.Split(' ');
            state.LastBoardingTime = Time(parts[0]);
            state.LastTerminalId = int.Parse(parts[1][1..], CultureInfo.InvariantCulture);
            state.LastRouteId = int.Parse(parts[2][1..], CultureInfo.InvariantCulture);
        }

        if (journey != "-")
        {
            var parts = journey.Split(' ');
            state.JourneyStartTime = Time(parts[0]);
            state.JourneyFare = int.Parse(parts[1], CultureInfo.InvariantCulture);
            state.TransfersUsed = int.Parse(parts[2], CultureInfo.InvariantCulture);
        }

        return state;
    }

    private static TapContext Tap(string text)
    {
        var tap = new TapContext();
        var parts = text.Split(' ');
        tap.Time = Time(parts[0]);
        foreach (var part in parts[1..])
        {
            switch (part[0])
            {
                case 'r':
                    tap.RouteId = int.Parse(part[1..], CultureInfo.InvariantCulture);
                    break;
                case 'z':
                    var zones = part[1..].Split('>');
                    tap.OriginZone = int.Parse(zones[0], CultureInfo.InvariantCulture);
                    tap.DestinationZone = int.Parse(zones[1], CultureInfo.InvariantCulture);
                    break;
                case '@':
                    tap.TerminalId = int.Parse(part[1..], CultureInfo.InvariantCulture);
                    break;
                case 'e' when part == "expired":
                    tap.CardExpired = true;
                    break;
                default:
                    throw new FormatException($"Unknown tap field '{part}'.");
            }
        }

        return tap;
    }

    private static long Time(string text) => text[0] switch
    {
        'T' => ExampleFareTable.T + Offset(text[1..]),
        'P' => ExampleFareTable.P + Offset(text[1..]),
        _ => long.Parse(text, CultureInfo.InvariantCulture),
    };

    private static int Offset(string text) => text.Length == 0 ? 0 : int.Parse(text, CultureInfo.InvariantCulture);

    private static int Rules(string text) => text == "-" ? FareRules.None : text.Split('+').Sum(name => name switch
    {
        "Passback" => FareRules.Passback,
        "Transfer" => FareRules.Transfer,
        "Promotion" => FareRules.Promotion,
        "Concession" => FareRules.Concession,
        "Cap" => FareRules.Cap,
        "Overdraft" => FareRules.Overdraft,
        "Zonal" => FareRules.Zonal,
        _ => throw new FormatException($"Unknown rule '{name}'."),
    });

    private static string Between(string begin, string end)
    {
        int start = Document.IndexOf(begin, StringComparison.Ordinal);
        int stop = Document.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, $"docs/fares.md lacks {begin} … {end}");
        return Document[(start + begin.Length)..stop];
    }

    [GeneratedRegex(@"^\|\s*\d+\s*\|")]
    private static partial Regex VectorRow();

    [GeneratedRegex(@"^[0-9a-f]{4}  ")]
    private static partial Regex HexLine();
}

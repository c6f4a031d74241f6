using System.CommandLine;
using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Emulator.Board;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Rf;
using Terminal.Simulation.Timing;

namespace Terminal.Emulator.Reader;

/// <summary>
/// `reader`: one simulated tap through the real MFRC522, ISO 14443A and MIFARE drivers: the card found,
/// its type, and every frame on the air.
/// </summary>
public static class ReaderCommand
{
    private static readonly string[] CardKinds = ["classic1k", "classic4k", "ultralight", "ntag213", "ntag215", "ntag216", "iso14443-4"];

    public static Command Create()
    {
        var card = new Option<string>("--card") { Description = "Card type: " + string.Join(", ", CardKinds), DefaultValueFactory = _ => "classic1k" };
        card.AcceptOnlyFromAmong(CardKinds);
        var uid = new Option<string>("--uid") { Description = "The card's UID in hex: 4, 7 or 10 bytes.", DefaultValueFactory = _ => "04A1B2C3D4E5F6" };
        var command = new Command("reader", "Shows one simulated tap: the card found, its type and the frames exchanged.") { card, uid };
        command.SetAction(parseResult => Run(parseResult.GetValue(card)!, parseResult.GetValue(uid)!, Console.Out));
        return command;
    }

    public static int Run(string kind, string uidHex, TextWriter output)
    {
        byte[] uid;
        try
        {
            uid = Convert.FromHexString(uidHex);
            PiccUid.Validate(uid);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            output.WriteLine($"--uid {uidHex}: {e.Message} (give 8, 14 or 20 hex digits, not starting with 88)");
            return 2;
        }

        var field = new RfField(new SimulatedClock());
        var trace = new FrameTrace(field);
        var reader = new HostReader(field, trace);
        output.WriteLine($"MFRC522: {reader.Pcd.ChipKind} (VersionReg 0x{reader.Pcd.Version:X2}), init {reader.InitStatus}");
        var virtualCard = CreateCard(kind, uid);
        field.Enter(virtualCard);

        var selected = new SelectedCard();
        var status = reader.Iso.DetectCard(selected);
        if (status == ReaderStatus.Ok)
        {
            output.WriteLine($"Card found: UID {Convert.ToHexString(selected.Uid.Bytes, 0, selected.Uid.Length)} ({selected.Uid.Length} bytes), ATQA {selected.Atqa:X4}, SAK {selected.Sak:X2}, type {selected.Type}");
            status = ReadFirstBlock(reader, selected, output);
            reader.Iso.HaltA();
        }
        else
        {
            output.WriteLine($"No card selected: {status}");
        }

        output.WriteLine();
        output.WriteLine("   at µs  air µs      reader → card                                          card → reader");
        foreach (var exchange in trace.Exchanges)
        {
            output.WriteLine($"{exchange.AtMicroseconds,8} {exchange.AirMicroseconds,7:F0} {exchange.Direction} {exchange.Reader,-52} {exchange.Card}");
        }

        var air = field.Statistics;
        var spi = reader.Chip.Statistics;
        output.WriteLine();
        output.WriteLine($"{air.Frames} frames, {air.AirTimeMicroseconds / 1000:F2} ms on air (protocol minimum {air.MinimumAirTimeMicroseconds / 1000:F2} ms), {spi.Transactions} SPI transactions, {spi.Bytes} SPI bytes");
        return status == ReaderStatus.Ok ? 0 : 1;
    }

    private static IVirtualCard CreateCard(string kind, byte[] uid) => kind switch
    {
        "classic1k" => MifareClassicCard.OneK(uid),
        "classic4k" => MifareClassicCard.FourK(uid),
        "ultralight" => new UltralightCard(uid, UltralightType.Ultralight),
        "ntag213" => new UltralightCard(uid, UltralightType.Ntag213),
        "ntag215" => new UltralightCard(uid, UltralightType.Ntag215),
        "ntag216" => new UltralightCard(uid, UltralightType.Ntag216),
        _ => new OtherTypeACard(uid, 0x20),
    };

    private static ReaderStatus ReadFirstBlock(HostReader reader, SelectedCard card, TextWriter output)
    {
        var data = new byte[16];
        ReaderStatus status;
        switch (card.Type)
        {
            case CardType.MifareClassic1K or CardType.MifareClassic4K or CardType.MifareMini:
                var transport = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
                status = reader.Classic.Authenticate(MifareKeyType.A, 0, transport, 0, card.Uid);
                if (status == ReaderStatus.Ok)
                {
                    status = reader.Classic.ReadBlock(0, data, 0);
                }

                output.WriteLine($"Block 0 with the transport key: {(status == ReaderStatus.Ok ? Convert.ToHexString(data) : status.ToString())}");
                return status;
            case CardType.UltralightOrNtag:
                status = new Ultralight(reader.Pcd).ReadPages(0, data, 0);
                output.WriteLine($"Pages 0-3: {(status == ReaderStatus.Ok ? Convert.ToHexString(data) : status.ToString())}");
                return status;
            default:
                output.WriteLine("Not a MIFARE card: the terminal does not read it further.");
                return ReaderStatus.Ok;
        }
    }
}

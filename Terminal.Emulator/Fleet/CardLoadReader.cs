using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Reader;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Firmware.Card;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Timing;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// The tally's own reader of cards, with the firmware's <see cref="CardSession"/>: which pending load a card says it
/// took last (block 10 and the purse's load tag, docs/card-format.md), 0 for none.
/// </summary>
public sealed class CardLoadReader
{
    private readonly HostReader _reader = new(new SimulatedClock());
    private readonly CardSession _session;
    private readonly SelectedCard _selected = new();

    public CardLoadReader(SchemeKeys keys) =>
        _session = new CardSession(_reader.Iso, _reader.Classic, new CardKeyring(keys.SectorKeyMaster, keys.MacMaster));

    public int LastLoadTaken(MifareClassicCard card)
    {
        _reader.Field.Enter(card);
        try
        {
            if (_reader.Iso.DetectCard(_selected) != ReaderStatus.Ok || _session.Read(_selected) != CardReadStatus.Ok)
            {
                throw new InvalidOperationException($"Could not read card {Convert.ToHexString(card.Uid)}.");
            }

            return _session.LastLoadTaken(0);
        }
        finally
        {
            _reader.Iso.HaltA();
            _reader.Field.Remove(card);
        }
    }
}

using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Reader;
using Terminal.Emulator.Board;
using Terminal.Firmware.Card;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Timing;

namespace Terminal.Emulator.Backoffice;

/// <summary>A card issuing and top-up desk: its own reader running the firmware's <see cref="CardIssuer"/>.</summary>
public sealed class IssuingDesk
{
    private readonly HostReader _reader;
    private readonly CardSession _session;
    private readonly CardIssuer _issuer;
    private readonly SelectedCard _selected = new();

    public IssuingDesk(SchemeKeys keys)
    {
        _reader = new HostReader(new SimulatedClock());
        _session = new CardSession(_reader.Iso, _reader.Classic, new CardKeyring(keys.SectorKeyMaster, keys.MacMaster));
        _issuer = new CardIssuer(_reader.Classic, _session, new CardKeyDeriver(keys.KeyBMaster, 0, keys.KeyBMaster.Length));
    }

    /// <summary>Personalises a factory card with the given concession, expiry and first balance.</summary>
    public void Issue(MifareClassicCard card, int cardType, int expiryDay, int balance)
    {
        var identity = new CardIdentity { CardType = cardType, ExpiryDay = expiryDay, KeyVersion = 1, OperatorId = 1 };
        OnDesk(card, () => _issuer.Personalise(_selected, identity, balance), "personalise");
    }

    public void TopUp(MifareClassicCard card, int amount) => OnDesk(card, () =>
    {
        var read = _session.Read(_selected);
        return read == CardReadStatus.Ok ? _issuer.Load(amount) : ReaderStatus.ProtocolError;
    }, "top up");

    /// <summary>Reads the card's current state as a top-up point would, to check a balance.</summary>
    public PurseState Inspect(MifareClassicCard card)
    {
        var state = new PurseState();
        OnDesk(card, () =>
        {
            var read = _session.Read(_selected);
            state.CopyFrom(_session.Current);
            return read == CardReadStatus.Ok ? ReaderStatus.Ok : ReaderStatus.ProtocolError;
        }, "read");
        return state;
    }

    private void OnDesk(MifareClassicCard card, Func<ReaderStatus> operation, string what)
    {
        _reader.Field.Enter(card);
        try
        {
            var status = _reader.Iso.DetectCard(_selected);
            if (status == ReaderStatus.Ok)
            {
                status = operation();
            }

            _reader.Iso.HaltA();
            if (status != ReaderStatus.Ok)
            {
                throw new InvalidOperationException($"Could not {what} card {Convert.ToHexString(card.Uid)}: {status}");
            }
        }
        finally
        {
            _reader.Field.Remove(card);
        }
    }
}

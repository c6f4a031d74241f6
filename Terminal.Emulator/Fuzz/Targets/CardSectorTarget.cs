using Terminal.Firmware.Card;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>
/// The card's sealed records (docs/card-format.md): purse copy, identity block and load record, each read raw and
/// with its MAC re-sealed over the mutated bytes (standing for a card written by someone who holds the keys, or a
/// bug in our own writer). A record that decodes must encode again to the same bytes, or the next tap could not
/// write that card back.
/// </summary>
public sealed class CardSectorTarget : IFuzzTarget
{
    private static readonly byte[] Uid = [0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6];
    private readonly CardKeys _keys = new();
    private readonly CardMac _mac = new();
    private readonly PurseCodec _purse;
    private readonly IdentityCodec _identity;
    private readonly LoadRecordCodec _load;
    private readonly PurseState _purseState = new();
    private readonly CardIdentity _identityState = new();
    private readonly byte[] _encoded = new byte[32];

    public CardSectorTarget()
    {
        var deriver = new CardKeyDeriver(new byte[32], 0, 32);
        deriver.Derive(CardKeyDeriver.MacKeyLabel, Uid, Uid.Length, _keys.MacKey, CardKeys.MacKeySize);
        _purse = new PurseCodec(_mac);
        _identity = new IdentityCodec(_mac);
        _load = new LoadRecordCodec(_mac);
    }

    public string Name => "card";

    public IReadOnlyList<byte[]> Seeds()
    {
        var purse = new PurseState { Counter = 41, LoadTag = 3 };
        purse.Trip.Balance = -1200;
        purse.Trip.LastBoardingTime = CardLayout.EpochUnixSeconds + 86_400;
        purse.Trip.JourneyStartTime = purse.Trip.LastBoardingTime - 600;
        purse.Trip.JourneyFare = 250;
        purse.Trip.LastRouteId = 7;
        purse.Trip.LastTerminalId = 12;
        var purseBytes = new byte[32];
        _purse.Encode(purse, _keys, Uid, Uid.Length, purseBytes, 0);
        var identityBytes = new byte[16];
        _identity.Encode(new CardIdentity { CardType = 2, ExpiryDay = 12_000, IssueDay = 11_000, OperatorId = 1, KeyVersion = 1 }, _keys, Uid, Uid.Length, identityBytes, 0);
        var loadBytes = new byte[16];
        _load.Encode(65535, _keys, Uid, Uid.Length, loadBytes, 0);
        return [purseBytes, identityBytes, loadBytes];
    }

    public void Run(byte[] input)
    {
        Check(input);
        if (input.Length >= 16)
        {
            _mac.Seal(IdentityCodec.MacLabel, _keys, Uid, Uid.Length, input, 0, IdentityCodec.PayloadSize, IdentityCodec.MacSize);
            CheckIdentity(input);
            _mac.Seal(LoadRecordCodec.MacLabel, _keys, Uid, Uid.Length, input, 0, LoadRecordCodec.PayloadSize, LoadRecordCodec.MacSize);
            CheckLoad(input);
        }

        if (input.Length >= 32)
        {
            _mac.Seal(PurseCodec.MacLabel, _keys, Uid, Uid.Length, input, 0, PurseCodec.PayloadSize, PurseCodec.MacSize);
            CheckPurse(input);
        }
    }

    private void Check(byte[] input)
    {
        if (input.Length >= 16)
        {
            CheckIdentity(input);
            CheckLoad(input);
        }

        if (input.Length >= 32)
        {
            CheckPurse(input);
        }
    }

    private void CheckPurse(byte[] input)
    {
        if (_purse.Decode(input, 0, _keys, Uid, Uid.Length, _purseState) == CardRecordStatus.Ok)
        {
            var status = _purse.Encode(_purseState, _keys, Uid, Uid.Length, _encoded, 0);
            FuzzMismatchException.Check(status == CardRecordStatus.Ok, $"a purse copy that decodes does not encode again ({status})");
            FuzzMismatchException.Check(_encoded.AsSpan(0, 32).SequenceEqual(input.AsSpan(0, 32)), "a purse copy re-encodes to other bytes");
        }
    }

    private void CheckIdentity(byte[] input)
    {
        if (_identity.Decode(input, 0, _keys, Uid, Uid.Length, _identityState) == CardRecordStatus.Ok)
        {
            var status = _identity.Encode(_identityState, _keys, Uid, Uid.Length, _encoded, 0);
            FuzzMismatchException.Check(status == CardRecordStatus.Ok, $"an identity block that decodes does not encode again ({status})");
            FuzzMismatchException.Check(_encoded.AsSpan(0, 16).SequenceEqual(input.AsSpan(0, 16)), "an identity block re-encodes to other bytes");
        }
    }

    private void CheckLoad(byte[] input)
    {
        if (_load.Decode(input, 0, _keys, Uid, Uid.Length, out var number) == CardRecordStatus.Ok)
        {
            var status = _load.Encode(number, _keys, Uid, Uid.Length, _encoded, 0);
            FuzzMismatchException.Check(status == CardRecordStatus.Ok, $"a load record that decodes does not encode again ({status})");
            FuzzMismatchException.Check(_encoded.AsSpan(0, 16).SequenceEqual(input.AsSpan(0, 16)), "a load record re-encodes to other bytes");
        }
    }
}

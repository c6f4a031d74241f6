using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Firmware.Fares;

namespace Terminal.Firmware.Card
{
    /// <summary>
    /// Issuing and loading cards: personalises a factory-fresh MIFARE Classic card (diversified keys,
    /// access conditions, identity, first purse) and loads value through the same <see cref="CardSession"/>
    /// a tap uses. Runs at issuing desks and top-up points (and in the emulator); it needs the key-B master,
    /// which buses never hold.
    /// </summary>
    public sealed class CardIssuer
    {
        private static readonly byte[] TransportKey = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
        private static readonly int[] FareSectorConditions = new int[]
        {
            AccessCondition.DataOpen, AccessCondition.DataOpen, AccessCondition.DataOpen, AccessCondition.TrailerKeyBManaged,
        };

        private readonly MifareClassic _classic;
        private readonly CardSession _session;
        private readonly CardKeyDeriver _keyBDeriver;
        private readonly PurseCodec _purseCodec;
        private readonly IdentityCodec _identityCodec;
        private readonly LoadRecordCodec _loadCodec;
        private readonly byte[] _loadRecord = new byte[CardLayout.BlockSize];
        private readonly byte[] _keyB = new byte[CardKeys.SectorKeySize];
        private readonly byte[] _identity = new byte[CardLayout.BlockSize];
        private readonly byte[] _purse = new byte[CardLayout.PurseSize];
        private readonly byte[] _trailer = new byte[CardLayout.BlockSize];
        private readonly PurseState _first = new PurseState();

        public CardIssuer(MifareClassic classic, CardSession session, CardKeyDeriver keyBDeriver)
        {
            _classic = classic;
            _session = session;
            _keyBDeriver = keyBDeriver;
            CardMac mac = new CardMac();
            _purseCodec = new PurseCodec(mac);
            _identityCodec = new IdentityCodec(mac);
            _loadCodec = new LoadRecordCodec(mac);
        }

        /// <summary>
        /// Writes the fare application onto a selected factory card (transport keys FF..FF): sector 2 first,
        /// then sector 1, whose trailer is written last, so an interrupted run can be repeated on the same card
        /// until sector 1 is keyed; after that the card reads as ours (its copy B stays blank).
        /// </summary>
        public ReaderStatus Personalise(SelectedCard card, CardIdentity identity, int balance)
        {
            CardUid uid = card.Uid;
            _session.DeriveKeys(uid);
            CardKeys keys = _session.Keys;
            _keyBDeriver.Derive(CardKeyDeriver.SectorKeyBLabel, uid.Bytes, uid.Length, _keyB, CardKeys.SectorKeySize);
            _first.Trip.Balance = balance;
            if (_identityCodec.Encode(identity, keys, uid.Bytes, uid.Length, _identity, 0) != CardRecordStatus.Ok
                || _purseCodec.Encode(_first, keys, uid.Bytes, uid.Length, _purse, 0) != CardRecordStatus.Ok
                || _loadCodec.Encode(0, keys, uid.Bytes, uid.Length, _loadRecord, 0) != CardRecordStatus.Ok)
            {
                return ReaderStatus.ProtocolError;
            }

            ReaderStatus status = KeySector(CardLayout.PurseBlockB, uid, keys, false);
            return status == ReaderStatus.Ok ? KeySector(CardLayout.PurseBlockA, uid, keys, true) : status;
        }

        /// <summary>Adds <paramref name="amount"/> cents to a card the session has just read; the new state is the session's current one.</summary>
        public ReaderStatus Load(int amount)
        {
            TripState trip = _session.Current.Trip;
            int balance = trip.Balance;
            trip.Balance = balance + amount;
            bool prepared = amount > 0 && _session.Prepare(trip);
            trip.Balance = balance;
            return prepared ? _session.Commit() : ReaderStatus.ProtocolError;
        }

        /// <summary>
        /// Authenticates with the transport key, writes the fare data (sector 1: identity and purse; sector 2: the
        /// sealed load record "no load taken yet") and then the sector's trailer.
        /// </summary>
        private ReaderStatus KeySector(byte firstBlock, CardUid uid, CardKeys keys, bool withData)
        {
            ReaderStatus status = _classic.Authenticate(MifareKeyType.A, firstBlock, TransportKey, 0, uid);
            if (status == ReaderStatus.Ok && firstBlock == CardLayout.PurseBlockB)
            {
                status = _classic.WriteBlock(CardLayout.LoadBlock, _loadRecord, 0);
            }

            if (status == ReaderStatus.Ok && withData)
            {
                status = _classic.WriteBlock(CardLayout.IdentityBlock, _identity, 0);
                if (status == ReaderStatus.Ok)
                {
                    status = _classic.WriteBlock(firstBlock, _purse, 0);
                }

                if (status == ReaderStatus.Ok)
                {
                    status = _classic.WriteBlock((byte)(firstBlock + 1), _purse, CardLayout.BlockSize);
                }
            }

            if (status != ReaderStatus.Ok)
            {
                return status;
            }

            SectorTrailer.Build(keys.KeyA, 0, FareSectorConditions, SectorTrailer.FactoryUserByte, _keyB, 0, _trailer, 0);
            return _classic.WriteBlock((byte)(firstBlock + 3), _trailer, 0);
        }
    }
}

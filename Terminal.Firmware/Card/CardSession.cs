using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Firmware.Fares;

namespace Terminal.Firmware.Card
{
    /// <summary>
    /// The fare application on one selected card: derives the card's keys, reads the identity and
    /// both purse copies, and writes a new state into the older copy only (docs/card-format.md).
    /// Used by the tap and by issuing and top-up points alike. Allocates nothing after construction.
    /// </summary>
    public sealed class CardSession
    {
        private readonly Iso14443aReader _reader;
        private readonly MifareClassic _classic;
        private readonly CardKeyring _keyring;
        private readonly CardKeys _keys = new CardKeys();
        private readonly PurseCodec _purseCodec;
        private readonly IdentityCodec _identityCodec;
        private readonly LoadRecordCodec _loadCodec;
        private readonly byte[] _loadBlock = new byte[CardLayout.BlockSize];
        private readonly byte[] _newLoadBlock = new byte[CardLayout.BlockSize];
        private bool _loadRecordReadable;
        private int _recordedLoad;
        private int _openSector = -1;
        private readonly byte[] _copyA = new byte[CardLayout.PurseSize];
        private readonly byte[] _copyB = new byte[CardLayout.PurseSize];
        private readonly byte[] _identityBlock = new byte[CardLayout.BlockSize];
        private readonly byte[] _newCopy = new byte[CardLayout.PurseSize];
        private readonly PurseState _purseA = new PurseState();
        private readonly PurseState _purseB = new PurseState();
        private SelectedCard? _card;
        private int _active;

        public CardSession(Iso14443aReader reader, MifareClassic classic, CardKeyring keyring)
        {
            _reader = reader;
            _classic = classic;
            _keyring = keyring;
            CardMac mac = new CardMac(keyring.Hashing);
            _purseCodec = new PurseCodec(mac);
            _identityCodec = new IdentityCodec(mac);
            _loadCodec = new LoadRecordCodec(mac);
        }

        public CardIdentity Identity { get; } = new CardIdentity();

        /// <summary>The card's state: the active copy after <see cref="Read"/>, the new one after a successful <see cref="Write"/>.</summary>
        public PurseState Current
        {
            get { return _active == 0 ? _purseA : _purseB; }
        }

        public CardKeys Keys
        {
            get { return _keys; }
        }

        /// <summary>Derives the keys of the card with <paramref name="uid"/> into <see cref="Keys"/>.</summary>
        public void DeriveKeys(CardUid uid)
        {
            _keyring.Derive(uid.Bytes, uid.Length, _keys);
        }

        /// <summary>Authenticates and reads both sectors of <paramref name="card"/>, then checks and decodes them.</summary>
        public CardReadStatus Read(SelectedCard card)
        {
            _card = card;
            DeriveKeys(card.Uid);
            ReaderStatus status = Authenticate(CardLayout.PurseBlockA);
            if (status == ReaderStatus.Ok)
            {
                status = ReadBlocks(CardLayout.PurseBlockA, _copyA);
            }

            if (status == ReaderStatus.Ok)
            {
                status = _classic.ReadBlock(CardLayout.IdentityBlock, _identityBlock, 0);
            }

            if (status == ReaderStatus.Ok)
            {
                status = Authenticate(CardLayout.PurseBlockB);
            }

            if (status == ReaderStatus.Ok)
            {
                status = ReadBlocks(CardLayout.PurseBlockB, _copyB);
            }

            if (status == ReaderStatus.Ok)
            {
                status = _classic.ReadBlock(CardLayout.LoadBlock, _loadBlock, 0);
            }

            if (status == ReaderStatus.AuthFailed && _reader.Reselect(card) == ReaderStatus.Ok)
            {
                return CardReadStatus.NotOurs;
            }

            if (status != ReaderStatus.Ok)
            {
                return CardReadStatus.Gone;
            }

            CardUid uid = card.Uid;
            CardRecordStatus identity = _identityCodec.Decode(_identityBlock, 0, _keys, uid.Bytes, uid.Length, Identity);
            if (identity != CardRecordStatus.Ok)
            {
                return identity == CardRecordStatus.Blank ? CardReadStatus.NotOurs : CardReadStatus.Tampered;
            }

            CardRecordStatus a = _purseCodec.Decode(_copyA, 0, _keys, uid.Bytes, uid.Length, _purseA);
            CardRecordStatus b = _purseCodec.Decode(_copyB, 0, _keys, uid.Bytes, uid.Length, _purseB);
            _active = PurseSlots.Active(a, _purseA, b, _purseB);
            if (_active == PurseSlots.None)
            {
                _active = 0;
                return CardReadStatus.Tampered;
            }

            Current.Trip.CardType = (Fares.CardType)Identity.CardType;
            CardRecordStatus load = _loadCodec.Decode(_loadBlock, 0, _keys, uid.Bytes, uid.Length, out _recordedLoad);
            _loadRecordReadable = load == CardRecordStatus.Ok || load == CardRecordStatus.Blank;
            return CardReadStatus.Ok;
        }

        /// <summary>The number of the last pending load the card took, judged against the load <paramref name="offered"/> (after <see cref="Read"/>).</summary>
        public int LastLoadTaken(int offered)
        {
            return CardLoads.LastTaken(_loadRecordReadable, _recordedLoad, Current.LoadTag, offered);
        }

        /// <summary>The counter the prepared state carries.</summary>
        public int NextCounter { get; private set; }

        /// <summary>
        /// Seals <paramref name="trip"/> with the next counter for the older copy, ready for <see cref="Commit"/>;
        /// false (nothing prepared) when a field does not fit the card format.
        /// </summary>
        public bool Prepare(TripState trip)
        {
            return Seal(trip, Current.LoadTag);
        }

        /// <summary>
        /// Prepares <paramref name="trip"/> (the balance with the load's value) tagged with load <paramref name="loadNumber"/>,
        /// ready for <see cref="Commit"/>; then <see cref="WriteLoadRecord"/> names the load in block 10.
        /// </summary>
        public bool PrepareLoad(TripState trip, int loadNumber)
        {
            return loadNumber >= 0 && loadNumber <= 0xFFFF && Seal(trip, loadNumber & 0xFF);
        }

        /// <summary>True when block 10 reads and names exactly load <paramref name="loadNumber"/>.</summary>
        public bool LoadRecordNames(int loadNumber)
        {
            return _loadRecordReadable && _recordedLoad == loadNumber;
        }

        /// <summary>
        /// Writes block 10 naming load <paramref name="loadNumber"/>: after a load's purse write, to extend its tag to
        /// the full number, and before a load when a torn or stale block 10 must first name the last one taken.
        /// </summary>
        public ReaderStatus WriteLoadRecord(int loadNumber)
        {
            CardUid uid = _card!.Uid;
            if (_loadCodec.Encode(loadNumber, _keys, uid.Bytes, uid.Length, _newLoadBlock, 0) != CardRecordStatus.Ok)
            {
                return ReaderStatus.ProtocolError;
            }

            ReaderStatus status = _openSector == CardLayout.SectorB ? ReaderStatus.Ok : Authenticate(CardLayout.LoadBlock);
            if (status == ReaderStatus.Ok)
            {
                status = _classic.WriteBlock(CardLayout.LoadBlock, _newLoadBlock, 0);
            }

            if (status == ReaderStatus.Ok)
            {
                _recordedLoad = loadNumber;
                _loadRecordReadable = true;
            }
            else
            {
                _loadRecordReadable = false;
            }

            return status;
        }

        private bool Seal(TripState trip, int loadTag)
        {
            PurseState next = PurseSlots.Other(_active) == 0 ? _purseA : _purseB;
            next.LoadTag = loadTag;
            next.Trip.CopyFrom(trip);
            next.Counter = (Current.Counter + 1) & 0xFFFF;
            NextCounter = next.Counter;
            CardUid uid = _card!.Uid;
            return _purseCodec.Encode(next, _keys, uid.Bytes, uid.Length, _newCopy, 0) == CardRecordStatus.Ok;
        }

        /// <summary>
        /// Writes the prepared state into the older copy. Ok: the card holds it and it is <see cref="Current"/>.
        /// Anything else: the outcome is unknown (the card may have left during or after the write).
        /// </summary>
        public ReaderStatus Commit()
        {
            int target = PurseSlots.Other(_active);
            byte block = PurseSlots.Block(target);
            ReaderStatus status = target == 0 ? Authenticate(block) : ReaderStatus.Ok;
            if (status == ReaderStatus.Ok)
            {
                status = _classic.WriteBlock(block, _newCopy, 0);
            }

            if (status == ReaderStatus.Ok)
            {
                status = _classic.WriteBlock((byte)(block + 1), _newCopy, CardLayout.BlockSize);
            }

            if (status == ReaderStatus.Ok)
            {
                _active = target;
            }

            return status;
        }

        /// <summary>Marks the card blocked in its identity block (after a successful <see cref="Read"/>).</summary>
        public ReaderStatus Block(int reason)
        {
            Identity.Blocked = true;
            Identity.BlockReason = reason & 0x7F;
            CardUid uid = _card!.Uid;
            if (_identityCodec.Encode(Identity, _keys, uid.Bytes, uid.Length, _identityBlock, 0) != CardRecordStatus.Ok)
            {
                return ReaderStatus.ProtocolError;
            }

            ReaderStatus status = Authenticate(CardLayout.PurseBlockA);
            return status == ReaderStatus.Ok ? _classic.WriteBlock(CardLayout.IdentityBlock, _identityBlock, 0) : status;
        }

        /// <summary>Authenticates the sector of <paramref name="block"/>; remembers it, since later writes there need no new authentication.</summary>
        private ReaderStatus Authenticate(byte block)
        {
            ReaderStatus status = _classic.Authenticate(MifareKeyType.A, block, _keys.KeyA, 0, _card!.Uid);
            _openSector = status == ReaderStatus.Ok ? block / 4 : -1;
            return status;
        }

        private ReaderStatus ReadBlocks(byte first, byte[] destination)
        {
            ReaderStatus status = _classic.ReadBlock(first, destination, 0);
            return status == ReaderStatus.Ok ? _classic.ReadBlock((byte)(first + 1), destination, CardLayout.BlockSize) : status;
        }
    }
}

namespace Terminal.Emulator.Fleet;

/// <summary>One row of the backend's transactions table, as the tally compares it.</summary>
public sealed record StoredRecord(uint TerminalId, uint Sequence, byte[] Record);

/// <summary>
/// What the fleet needs from whoever hosts the backend: where the broker listens, each terminal's password,
/// a way to restart the broker, a reader of what the backend stored (the tally's verifier), the public half
/// of the key the backend signs its downlink with (provisioned into every bus's key ring), its REST API as
/// the issuing desk and the operator use it and as a passenger's browser does, the clock it dates QR tokens by,
/// and a reader of the payments and pending loads it stored (the top-up tally's verifier).
/// </summary>
public sealed record FleetBackend(
    string BrokerHost,
    int BrokerPort,
    Func<uint, string> PasswordFor,
    Func<CancellationToken, Task> RestartBroker,
    Func<CancellationToken, Task<IReadOnlyList<StoredRecord>>> ReadStored,
    DownlinkKey DownlinkKey,
    BackOfficeClient BackOffice,
    PassengerBrowser Passenger,
    PassengerClock PassengerClock,
    Func<CancellationToken, Task<StoredTopUps>> ReadTopUps);

/// <summary>An Ed25519 public key of the backend's downlink, by key id.</summary>
public sealed record DownlinkKey(int KeyId, byte[] PublicKey);

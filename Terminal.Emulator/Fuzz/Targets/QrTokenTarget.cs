using System.Text;
using Backend.Ingest.Qr;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Qr;
using Terminal.Simulation.Timing;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>
/// Scanned QR text through Base45 and <see cref="QrTokenVerifier"/>: Base45 text that decodes must encode back to
/// the same text (one spelling per token), and a token that verifies must be refused as a replay once used.
/// </summary>
public sealed class QrTokenTarget : IFuzzTarget
{
    private const long Now = 1_767_225_600;
    private static readonly Ed25519Verifier Signatures = new();
    private readonly QrTokenSigner _issuer = QrTokenSigner.WithRandomKey(keyId: 7, new Random(1));
    private readonly SimulatedClock _clock = new(Now);
    private readonly QrTokenVerifier _verifier;
    private readonly byte[] _decoded = new byte[QrTokenLayout.TotalSize * 2];

    public QrTokenTarget()
    {
        var keys = new QrKeyRing(Signatures, capacity: 2);
        keys.TryAdd(_issuer.KeyId, _issuer.PublicKey, 0);
        _verifier = new QrTokenVerifier(_clock, keys, Signatures, new UsedTokenSet(UsedTokenSet.TerminalCapacity));
    }

    public string Name => "qr-token";

    public IReadOnlyList<byte[]> Seeds() =>
    [
        _issuer.IssueText(new QrTokenFields(AccountId: 4_000_000_001, TokenId: 0xFEDCBA9876543210, (uint)Now - 5, (uint)Now + 55, FareProduct: 3, Concession: 2)),
        _issuer.IssueText(new QrTokenFields(AccountId: 1, TokenId: 1, (uint)Now, (uint)Now + QrTokenVerifier.MaxValiditySeconds, FareProduct: 0, Concession: 0)),
    ];

    public void Run(byte[] input)
    {
        var length = Base45.Decode(input, 0, input.Length, _decoded, 0);
        if (length >= 0)
        {
            FuzzMismatchException.Check(Base45Text.Encode(_decoded.AsSpan(0, length)) == Encoding.Latin1.GetString(input), "Base45 text decodes but encodes back to other text");
        }

        if (_verifier.Verify(input, 0, input.Length) == QrTokenStatus.Ok)
        {
            _verifier.MarkUsed();
            FuzzMismatchException.Check(_verifier.Verify(input, 0, input.Length) == QrTokenStatus.Replayed, "a used token verifies again");
        }
    }
}

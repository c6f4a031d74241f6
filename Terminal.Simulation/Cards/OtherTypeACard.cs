using Terminal.Simulation.Rf;

namespace Terminal.Simulation.Cards;

/// <summary>
/// A Type A card the terminal has no business with (a bank card with SAK 0x20, a DESFire, a
/// 10-byte-UID card): it goes through activation like any other and stays silent to everything
/// after it, so the terminal must recognise it by its SAK and move on.
/// </summary>
public sealed class OtherTypeACard(byte[] uid, byte sak = 0x20, byte atqaAnticollisionBits = 0x04)
    : Iso14443ACard(uid, atqaAnticollisionBits, sak)
{
    /// <summary>It speaks no MIFARE: the authentication frame is an error to it.</summary>
    public override bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4)
    {
        FallBack();
        return false;
    }

    protected override CardReply? ReceiveActive(ReaderFrame frame) => null;

    protected override void EndSession()
    {
    }
}

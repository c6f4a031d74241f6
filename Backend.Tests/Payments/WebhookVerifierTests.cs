using Backend.Ingest.Payments;
using Backend.Ingest.Payments.Sandbox;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Backend.Tests.Payments;

/// <summary>
/// The sandbox's signer against Stripe.net's verifier: what the sandbox signs, Stripe's code accepts; any change to the
/// body, the secret or a timestamp beyond 300 s is refused.
/// </summary>
public sealed class WebhookVerifierTests
{
    private const string Secret = "whsec_property";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 100)]
    public Property AnEventSignedWithinTheToleranceIsAcceptedWithItsIds(PositiveInt amount, NonNegativeInt age) => Prop.ForAll(Gen.Choose(0, 300).ToArbitrary(), seconds =>
    {
        var body = SandboxEvents.Completed("pay_" + amount.Get, amount.Get, "evt_" + age.Get);
        var verified = WebhookVerifier.Verify(body, SandboxSigner.Sign(body, Secret, Now.AddSeconds(-seconds)), Secret, Now);
        return verified == new WebhookEvent("evt_" + age.Get, WebhookEvent.CheckoutCompleted, "pay_" + amount.Get, "cs_test_pay_" + amount.Get, "pi_test_1", null, null);
    });

    [Property(MaxTest = 100)]
    public Property AnyChangedByteOfTheBodyIsRefused(PositiveInt position) => Prop.ForAll(Gen.Choose(0, 0xFF).ToArbitrary(), flip =>
    {
        var body = SandboxEvents.Refunded("pay_1", 1500, "evt_1");
        var index = position.Get % body.Length;
        var changed = body[..index] + (char)(body[index] ^ (1 + flip % 0x3F)) + body[(index + 1)..];
        return Refused(changed, SandboxSigner.Sign(body, Secret, Now), Now);
    });

    [Property(MaxTest = 50)]
    public Property ATimestampBeyondTheToleranceIsRefused(PositiveInt beyond, bool future)
    {
        var body = SandboxEvents.Completed("pay_1", 100);
        var at = Now.AddSeconds((future ? 1 : -1) * (300 + beyond.Get % 100_000));
        return Refused(body, SandboxSigner.Sign(body, Secret, at), Now).ToProperty();
    }

    [Fact]
    public void ARefundEventCarriesThePaymentTheRefundAndTheAmount()
    {
        var body = SandboxEvents.Refunded("pay_1", 1500, "evt_r");

        var verified = WebhookVerifier.Verify(body, SandboxSigner.Sign(body, Secret, Now), Secret, Now);

        Assert.Equal(new WebhookEvent("evt_r", WebhookEvent.ChargeRefunded, "pay_1", null, "pi_test_1", "re_test_pay_1", 1500), verified);
        Assert.True(Refused(body, SandboxSigner.Sign(body, "whsec_other", Now), Now));
    }

    private static bool Refused(string body, string signature, DateTimeOffset now)
    {
        try
        {
            WebhookVerifier.Verify(body, signature, Secret, now);
            return false;
        }
        catch (WebhookRejectedException)
        {
            return true;
        }
    }
}

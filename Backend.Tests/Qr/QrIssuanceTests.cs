using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;
using Backend.Ingest.Downlink;
using Backend.Ingest.Qr;
using Backend.Tests.Api;
using Backend.Tests.BackOffice;
using Backend.Tests.Downlink;
using Microsoft.Extensions.DependencyInjection;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Qr;
using Xunit;

namespace Backend.Tests.Qr;

/// <summary>
/// QR tokens issued from accounts over the HTTP API, on both databases: the firmware's own verifier accepts them with
/// the key the backend's downlink gave it, and every reason to refuse one is answered.
/// </summary>
public sealed class QrIssuanceTests
{
    private static readonly Ed25519Verifier Signatures = new();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ATokenIssuedForAnAccountIsAcceptedByAFirmwareTerminalThatGotTheKeyByDownlink(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.AddAccountAsync(4_000_000_001);
        await backend.PostToAccountAsync(4_000_000_001, 2_000);
        var terminal = new LoopbackTerminal(31, backend.Services.GetRequiredService<DownlinkSigner>());
        await terminal.ExchangeAsync(backend.Services.GetRequiredService<DownlinkPlanner>());
        var qrKeyId = backend.Services.GetRequiredService<QrTokenSigner>().KeyId;
        Assert.NotNull(terminal.Ring.Find(qrKeyId));

        using var response = await backend.PostAsync("/api/accounts/4000000001/qr-tokens", new { validityMinutes = 3, fareProduct = 1, concession = 2 }, key: "qr-1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var issued = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var body = issued.RootElement;
        long tokenId = body.GetProperty("tokenId").GetInt64();
        string text = body.GetProperty("text").GetString()!;
        Assert.Equal(QrTokenLayout.TextSize, text.Length);
        Assert.Equal(180, body.GetProperty("validUntil").GetInt64() - body.GetProperty("validFrom").GetInt64());
        Assert.InRange(tokenId, 1, (1L << 48) - 1);

        var verifier = new QrTokenVerifier(terminal.Clock, terminal.Ring, Signatures, new UsedTokenSet(16));
        var scanned = Encoding.ASCII.GetBytes(text);
        Assert.Equal(QrTokenStatus.Ok, verifier.Verify(scanned, 0, scanned.Length));
        Assert.Equal((qrKeyId, 4_000_000_001L, tokenId, 1, 2), (verifier.Token.KeyId, verifier.Token.AccountId, verifier.Token.TokenId, verifier.Token.FareProduct, verifier.Token.Concession));

        var forged = Decode(text);
        forged[QrTokenLayout.AccountIdOffset + 3] ^= 0x01;
        var forgedText = Encoding.ASCII.GetBytes(Base45Text.Encode(forged));
        Assert.Equal(QrTokenStatus.BadSignature, new QrTokenVerifier(terminal.Clock, terminal.Ring, Signatures, new UsedTokenSet(16)).Verify(forgedText, 0, forgedText.Length));

        AssertPng(Convert.FromBase64String(body.GetProperty("imagePngBase64").GetString()!));
        using var image = await backend.Http.GetAsync(body.GetProperty("imageUrl").GetString());
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        AssertPng(await image.Content.ReadAsByteArrayAsync());

        Assert.Equal(1, await backend.CountAsync($"select count(*) from qr_tokens where token_id = {tokenId} and account_id = 4000000001 and used_at is null and concession = 2"));
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where action = 'qr_token.issue' and subject = 'account:4000000001' and actor = 'desk-7'"));

        using var retry = await backend.PostAsync("/api/accounts/4000000001/qr-tokens", new { validityMinutes = 3, fareProduct = 1, concession = 2 }, key: "qr-1");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        using var replayed = JsonDocument.Parse(await retry.Content.ReadAsStringAsync());
        Assert.Equal(tokenId, replayed.RootElement.GetProperty("tokenId").GetInt64());
        Assert.Equal(1, await backend.CountAsync("select count(*) from qr_tokens"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnUnknownBlockedClosedOrIndebtedAccountGetsNoToken(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.AddAccountAsync(11, "blocked");
        await backend.AddAccountAsync(12, "closed");
        await backend.AddAccountAsync(13);
        await backend.PostToAccountAsync(13, 500);
        await backend.PostToAccountAsync(13, -600);
        await backend.AddAccountAsync(14);
        await backend.PostToAccountAsync(14, 1);
        await backend.AddAccountAsync(15);
        var signer = backend.Services.GetRequiredService<DownlinkSigner>();
        await PublishFareTableAsync(backend, signer);

        await ProblemAssert.HasDetailAsync(await backend.PostAsync("/api/accounts/10/qr-tokens", null), HttpStatusCode.NotFound, "no account 10");
        await ProblemAssert.HasDetailAsync(await backend.PostAsync("/api/accounts/11/qr-tokens", null), HttpStatusCode.Conflict, "is blocked");
        await ProblemAssert.HasDetailAsync(await backend.PostAsync("/api/accounts/12/qr-tokens", null), HttpStatusCode.Conflict, "is closed");
        await ProblemAssert.HasDetailAsync(await backend.PostAsync("/api/accounts/13/qr-tokens", null), HttpStatusCode.Conflict, "owes 1.00");
        await ProblemAssert.HasDetailAsync(await backend.PostAsync("/api/accounts/14/qr-tokens", null), HttpStatusCode.Conflict, "less than the dearest ride");
        await ProblemAssert.HasDetailAsync(await backend.PostAsync("/api/accounts/15/qr-tokens", null), HttpStatusCode.Conflict, "less than the dearest ride");

        // The demo table's dearest adult ride is route 4 at 4.00; a child pays half of it, staff ride free.
        await backend.PostToAccountAsync(14, 398);
        await ProblemAssert.HasDetailAsync(await backend.PostAsync("/api/accounts/14/qr-tokens", null), HttpStatusCode.Conflict, "holds 3.99, less than the dearest ride of the fare table in force (4.00)");
        using (var child = await backend.PostAsync("/api/accounts/14/qr-tokens", new { concession = 1 }))
        {
            Assert.Equal(HttpStatusCode.Created, child.StatusCode);
        }

        await backend.PostToAccountAsync(14, 1);
        using (var adult = await backend.PostAsync("/api/accounts/14/qr-tokens", null))
        {
            Assert.Equal(HttpStatusCode.Created, adult.StatusCode);
        }

        using (var staff = await backend.PostAsync("/api/accounts/15/qr-tokens", new { concession = 4 }))
        {
            Assert.Equal(HttpStatusCode.Created, staff.StatusCode);
        }

        Assert.Equal(3, await backend.CountAsync("select count(*) from qr_tokens"));
        Assert.Equal(3, await backend.CountAsync("select count(*) from audit_log where action = 'qr_token.issue'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnAccountHoldsAtMostThreeLiveTokensAndBadRequestsNameTheirField(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.AddAccountAsync(21);
        await backend.PostToAccountAsync(21, 5_000);

        for (int i = 0; i < 3; i++)
        {
            using var issued = await backend.PostAsync("/api/accounts/21/qr-tokens", new { validityMinutes = 1 });
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        await ProblemAssert.HasDetailAsync(await backend.PostAsync("/api/accounts/21/qr-tokens", null), HttpStatusCode.Conflict, "already holds 3 unused, unexpired QR tokens");
        await backend.ExecuteAsync("update qr_tokens set used_at = 1 where token_id = (select min(token_id) from qr_tokens)");
        using (var afterUse = await backend.PostAsync("/api/accounts/21/qr-tokens", null))
        {
            Assert.Equal(HttpStatusCode.Created, afterUse.StatusCode);
        }

        await ProblemAssert.IsValidationProblemAsync(await backend.PostAsync("/api/accounts/21/qr-tokens", new { validityMinutes = 11 }), "validityMinutes");
        await ProblemAssert.IsValidationProblemAsync(await backend.PostAsync("/api/accounts/21/qr-tokens", new { validityMinutes = 0 }), "validityMinutes");
        await ProblemAssert.IsValidationProblemAsync(await backend.PostAsync("/api/accounts/21/qr-tokens", new { fareProduct = 256 }), "fareProduct");
        await ProblemAssert.IsValidationProblemAsync(await backend.PostAsync("/api/accounts/21/qr-tokens", new { concession = 5 }), "concession");
        await ProblemAssert.IsValidationProblemAsync(await backend.PostAsync("/api/accounts/0/qr-tokens", null), "id");
        await ProblemAssert.IsValidationProblemAsync(await backend.PostAsync("/api/accounts/4294967296/qr-tokens", null), "id");
        await ProblemAssert.IsValidationProblemAsync(await backend.Http.PostAsync("/api/accounts/21/qr-tokens", null), "Idempotency-Key");
        using var unknownImage = await backend.Http.GetAsync("/api/qr-tokens/123/image.png");
        Assert.Equal(HttpStatusCode.NotFound, unknownImage.StatusCode);
        Assert.Equal(4, await backend.CountAsync("select count(*) from qr_tokens"));
    }

    private static Task PublishFareTableAsync(BackOfficeHost backend, DownlinkSigner signer) =>
        backend.Services.GetRequiredService<DownlinkCatalog>().SetFareTableAsync(LoopbackTerminal.Table(1, signer, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 86400), "qr-test");

    /// <summary>A PNG: its signature, an IHDR first, and a square symbol big enough to scan from a phone screen.</summary>
    private static void AssertPng(byte[] png)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        int width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        int height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.Equal(width, height);
        Assert.InRange(width, 200, 1000);
        Assert.InRange(png.Length, 300, 50_000);
    }

    private static byte[] Decode(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var token = new byte[QrTokenLayout.TotalSize];
        Assert.Equal(QrTokenLayout.TotalSize, Base45.Decode(bytes, 0, bytes.Length, token, 0));
        return token;
    }
}

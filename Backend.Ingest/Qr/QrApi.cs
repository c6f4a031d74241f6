using System.ComponentModel;
using System.Data.Common;
using System.Security.Cryptography;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Terminal.Firmware.Fares;
using Backend.Ingest.Identity;

namespace Backend.Ingest.Qr;

/// <summary>
/// QR ride tokens issued from accounts: <c>POST /api/accounts/{id}/qr-tokens</c> signs one (a change: Idempotency-Key,
/// audited) and <c>GET /api/qr-tokens/{tokenId}/image.png</c> serves its QR image again.
/// </summary>
public static class QrApi
{
    /// <summary>
    /// The signer (key <c>Backend:Qr:KeyId</c>, seed <c>Backend:Qr:SigningKey</c>, else a fresh key per run) and the
    /// issuance. The downlink key set carries the signer's public key to every terminal (<see cref="DownlinkServices"/>).
    /// </summary>
    public static IServiceCollection AddQrIssuance(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<QrOptions>(configuration.GetSection(QrOptions.Section));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<QrOptions>>().Value;
            var downlink = provider.GetRequiredService<DownlinkSigner>();
            if (options.KeyId == downlink.KeyId)
            {
                throw new InvalidOperationException(
                    $"Backend:Qr:KeyId and Backend:Downlink:KeyId are both {options.KeyId}: a token-signing key signs nothing else, so the two need their own ids.");
            }

            return new QrTokenSigner(options.KeyId, options.SigningKey is { } seed ? Convert.FromBase64String(seed) : RandomNumberGenerator.GetBytes(32));
        });
        services.TryAddKeyedSingleton(QrTokenIssuance.ClockKey, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.AddSingleton<QrTokenIssuance>();
        services.AddHostedService<QrKeyDistribution>();
        return services;
    }

    public static IEndpointRouteBuilder MapQrApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("QR tokens").RequireAuthorization(StaffPolicies.ServeCustomers);
        api.MapPost("/accounts/{id}/qr-tokens", IssueAsync)
            .WithName("IssueQrToken")
            .WithSummary("Signs a QR ride token for an account: its id, text, validity and QR image (PNG, base64)")
            .WithDescription($"Needs the Idempotency-Key header; a retry with the same key gets the same token. Optional body: validityMinutes (1 to {QrOptions.MaxValidityMinutes}), "
                + "fareProduct (0 to 255, 0 = the account's default), concession (0 adult, 1 child, 2 student, 3 senior, 4 staff). "
                + "409 for an account that is blocked, closed, in debt or holding too many live tokens.")
            .Produces<IssuedQrToken>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        api.MapGet("/qr-tokens/{tokenId}/image.png", ImageAsync)
            .WithName("GetQrTokenImage")
            .WithSummary("The QR image of an issued token, as PNG")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> IssueAsync(
        HttpContext context, ChangeRunner runner, QrTokenIssuance issuance, IOptions<QrOptions> options,
        [Description("The account id (1 to 4294967295).")] string id,
        [FromBody] QrTokenRequest? request,
        CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (!long.TryParse(id, out long accountId) || accountId is < 1 or > uint.MaxValue)
        {
            errors["id"] = [$"'{id}' is not an account id: a whole number from 1 to 4294967295."];
        }

        int validity = request?.ValidityMinutes ?? options.Value.DefaultValidityMinutes;
        if (validity is < 1 or > QrOptions.MaxValidityMinutes)
        {
            errors["validityMinutes"] = [$"{validity} minutes: a token is valid for 1 to {QrOptions.MaxValidityMinutes} minutes (terminals refuse a longer window)."];
        }

        int product = request?.FareProduct ?? 0;
        if (product is < 0 or > byte.MaxValue)
        {
            errors["fareProduct"] = [$"{product} is not a fare product: 0 to 255."];
        }

        int concession = request?.Concession ?? 0;
        if (concession is < 0 or > (int)CardType.Staff)
        {
            errors["concession"] = [$"{concession} is not a concession: 0 adult, 1 child, 2 student, 3 senior, 4 staff."];
        }

        if (!IdempotencyKey.TryRead(context, out var key))
        {
            errors[IdempotencyKey.Header] = [IdempotencyKey.Rule];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The QR token request is not valid.");
        }

        var change = ChangeRequests.For(context, key, "qr_token.issue", new { accountId, validity, product, concession });
        var outcome = await runner.RunAsync(change, c => issuance.IssueAsync(c, accountId, validity, (byte)product, (CardType)concession, cancellation), cancellation);
        return outcome.ToHttpResult(context);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> ImageAsync(
        HttpContext context, DbDataSource dataSource,
        [Description("The token id, as issued.")] string tokenId,
        CancellationToken cancellation)
    {
        if (!long.TryParse(tokenId, out long token) || token < 1)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["tokenId"] = [$"'{tokenId}' is not a token id: a whole number from 1 to 2^48 - 1."] },
                title: "The token id is not valid.");
        }

        await using var command = dataSource.CreateCommand("select token_text from qr_tokens where token_id = @token");
        command.With("token", token);
        if (await command.ExecuteScalarAsync(cancellation) is not string text)
        {
            return TypedResults.Problem(title: "Unknown QR token.", detail: $"No QR token {token} was issued by this backend.", statusCode: StatusCodes.Status404NotFound);
        }

        // The image is a bearer credential for the rest of its validity: no cache keeps a copy.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(QrCodePng.Of(text), "image/png");
    }
}

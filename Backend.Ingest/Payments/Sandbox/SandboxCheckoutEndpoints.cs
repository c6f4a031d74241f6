using System.Globalization;
using System.Text.Encodings.Web;

namespace Backend.Ingest.Payments.Sandbox;

/// <summary>
/// The sandbox provider's own web pages, outside /api because they are the provider's, not ours: the checkout a
/// payer opens from a top-up's checkoutUrl (Pay or Cancel, no card details), and its payout report CSV.
/// </summary>
internal static class SandboxCheckoutEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/sandbox").WithTags("Sandbox payment provider").AllowAnonymous();
        sandbox.MapGet("/checkout/{sessionId}", Page).WithName("SandboxCheckout").WithSummary("The sandbox's checkout page: Pay or Cancel");
        sandbox.MapPost("/checkout/{sessionId}/pay", Pay).WithName("SandboxPay").WithSummary("The payer pays the sandbox checkout");
        sandbox.MapPost("/checkout/{sessionId}/cancel", Cancel).WithName("SandboxCancel").WithSummary("The payer leaves the sandbox checkout unpaid");
        sandbox.MapGet("/payouts.csv", Payouts).WithName("SandboxPayoutReport").WithSummary("The sandbox's payout report (charges, refunds, fees) as CSV");
    }

    private static IResult Page(SandboxPaymentProvider sandbox, string sessionId)
    {
        if (sandbox.Session(sessionId) is not { } session)
        {
            return UnknownSession(sessionId);
        }

        var amount = Html($"{session.Amount / 100}.{session.Amount % 100:00} {session.Currency}");
        var body = session.Status == "open"
            ? $"""
              <p>{Html(session.Description)}</p>
              <p class="amount">{amount}</p>
              <form method="post" action="/sandbox/checkout/{Html(sessionId)}/pay"><button id="pay">Pay {amount}</button></form>
              <form method="post" action="/sandbox/checkout/{Html(sessionId)}/cancel"><button id="cancel">Cancel</button></form>
              """
            : $"<p id=\"status\">This checkout is {Html(session.Status)}.</p>";
        return Results.Content($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sandbox checkout</title></head>
            <body><h1>Sandbox checkout</h1><p>A test payment provider: no money moves and no card details are asked.</p>{body}</body></html>
            """, "text/html; charset=utf-8");
    }

    private static IResult Pay(SandboxPaymentProvider sandbox, string sessionId) => Decide(sandbox, sessionId, sandbox.Pay(sessionId), "paid");

    private static IResult Cancel(SandboxPaymentProvider sandbox, string sessionId) => Decide(sandbox, sessionId, sandbox.Expire(sessionId), "cancelled");

    private static IResult Decide(SandboxPaymentProvider sandbox, string sessionId, bool done, string what)
    {
        if (sandbox.Session(sessionId) is not { } session)
        {
            return UnknownSession(sessionId);
        }

        if (!done)
        {
            return TypedResults.Problem(title: "The checkout is closed.", detail: $"Checkout {sessionId} is {session.Status} already.", statusCode: StatusCodes.Status409Conflict);
        }

        if (session.ReturnUrl is { } back)
        {
            // Back to the shop's page, as Stripe's hosted checkout does; browsers follow a 302 after a POST with a GET.
            return Results.Redirect(back);
        }

        return Results.Content($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sandbox checkout</title></head>
            <body><h1>Sandbox checkout</h1><p id="status">Payment {Html(session.PaymentId)} {what}.</p>
            <p>The bus fare system hears of it within seconds: <a href="/api/payments/{Html(session.PaymentId)}">see the top-up</a>.</p></body></html>
            """, "text/html; charset=utf-8");
    }

    private static async Task<IResult> Payouts(SandboxPaymentProvider sandbox, string? from, string? to, CancellationToken cancellation)
    {
        var start = Parse(from) ?? DateTimeOffset.MinValue;
        var end = Parse(to) ?? DateTimeOffset.MaxValue;
        return Results.Text(await sandbox.PayoutReportAsync(start, end, cancellation), "text/csv");
    }

    private static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static IResult UnknownSession(string sessionId) =>
        TypedResults.Problem(title: "Unknown checkout.", detail: $"The sandbox opened no checkout {sessionId}.", statusCode: StatusCodes.Status404NotFound);

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);
}

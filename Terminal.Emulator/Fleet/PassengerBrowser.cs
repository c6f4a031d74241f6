using System.Net.Http.Json;
using Backend.Ingest.Changes;
using Backend.Ingest.Payments;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// A passenger's browser on the backend, signed in as nobody: opens an online top-up of a card (the anonymous
/// <c>POST /api/payments/top-ups</c>), follows its checkout address to the sandbox's page, clicks Pay (the page's
/// form post), and looks the payment up again by its id, as the passenger's page does.
/// </summary>
public sealed class PassengerBrowser(HttpClient http) : IDisposable
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Opens the top-up and pays it at the sandbox checkout; the payment as the backend answered the opening.</summary>
    public async Task<PaymentView> PayCardTopUpAsync(string cardUid, long amount, string passenger, CancellationToken cancellation)
    {
        using var open = new HttpRequestMessage(HttpMethod.Post, "api/payments/top-ups") { Content = JsonContent.Create(new TopUpRequest(cardUid, null, amount)) };
        open.Headers.Add(IdempotencyKey.Header, $"{_run}-top-up-{passenger}");
        var payment = await ReadAsync<PaymentView>(await http.SendAsync(open, cancellation), "POST api/payments/top-ups", cancellation);
        var checkout = new Uri(payment.CheckoutUrl ?? throw new InvalidOperationException($"Payment {payment.PaymentId} has no checkout page."));
        using (var page = await http.GetAsync(checkout, cancellation))
        {
            page.EnsureSuccessStatusCode();
        }

        using var pay = await http.PostAsync(new Uri(checkout, checkout.AbsolutePath + "/pay"), new FormUrlEncodedContent([]), cancellation);
        if (!pay.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The sandbox checkout of {payment.PaymentId} answered {(int)pay.StatusCode} to Pay.");
        }

        return payment;
    }

    public async Task<PaymentView> PaymentAsync(string paymentId, CancellationToken cancellation) =>
        await ReadAsync<PaymentView>(await http.GetAsync($"api/payments/{paymentId}", cancellation), $"GET api/payments/{paymentId}", cancellation);

    public void Dispose() => http.Dispose();

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string what, CancellationToken cancellation)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellation)}");
            }

            return await response.Content.ReadFromJsonAsync<T>(cancellation) ?? throw new InvalidOperationException($"{what} answered no body.");
        }
    }
}

using System.Net.Http.Json;
using Backend.Ingest.Accounts;
using Backend.Ingest.Cards;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Ledger;
using Backend.Ingest.Qr;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// The issuing desk's and the passengers' side of the backend's REST API, as the emulator uses it: cards registered
/// with their first load, passenger accounts opened and topped up, QR ride tokens asked for, and the books and payment counters read back.
/// Every change carries an Idempotency-Key made of what it is about, so a retry after a lost answer is a replay.
/// <paramref name="http"/> sends the desk's API key; the audit log names the key.
/// </summary>
public sealed class BackOfficeClient(HttpClient http, string desk) : IDisposable
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private int _tokens;

    public async Task<CardBalance> RegisterCardAsync(string uid, int cardType, DateOnly expiryDay, long? firstLoad, long? accountId, CancellationToken cancellation)
    {
        var registration = new CardRegistration(uid, cardType, KeyVersion: 1, expiryDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            desk, accountId, firstLoad, PaidBy: "cash");
        return await PostAsync<CardBalance>("api/cards", registration, $"register-{uid}", cancellation);
    }

    public Task<AccountView> OpenAccountAsync(int passenger, CancellationToken cancellation) =>
        PostAsync<AccountView>("api/accounts", new AccountOpening(null, null, null), $"account-{passenger}", cancellation);

    public Task<AccountView> LoadAccountAsync(long accountId, long amount, CancellationToken cancellation) =>
        PostAsync<AccountView>($"api/accounts/{accountId}/loads", new DeskLoad(amount, "cash"), $"account-load-{accountId}-{amount}", cancellation);

    /// <summary>A ride token for the account, as its phone would ask for one; its text is what the phone shows.</summary>
    public IssuedQrToken IssueQrToken(long accountId) =>
        PostAsync<IssuedQrToken>($"api/accounts/{accountId}/qr-tokens", new QrTokenRequest(null, null, null),
            $"qr-{accountId}-{Interlocked.Increment(ref _tokens)}", CancellationToken.None).GetAwaiter().GetResult();

    public async Task<CardView> CardAsync(string uid, CancellationToken cancellation) =>
        await http.GetFromJsonAsync<CardView>($"api/cards/{uid}", cancellation) ?? throw new InvalidOperationException($"No answer for card {uid}.");

    public async Task<IReadOnlyList<LedgerTransferView>> CardLedgerAsync(string uid, CancellationToken cancellation) =>
        await http.GetFromJsonAsync<List<LedgerTransferView>>($"api/cards/{uid}/ledger", cancellation) ?? throw new InvalidOperationException($"No ledger for card {uid}.");

    public async Task<AccountView> AccountAsync(long accountId, CancellationToken cancellation) =>
        await http.GetFromJsonAsync<AccountView>($"api/accounts/{accountId}", cancellation) ?? throw new InvalidOperationException($"No answer for account {accountId}.");

    public async Task<BlacklistView> BlacklistAsync(CancellationToken cancellation) =>
        await http.GetFromJsonAsync<BlacklistView>("api/blacklist", cancellation) ?? throw new InvalidOperationException("No blacklist.");

    public async Task<TrialBalance> TrialBalanceAsync(CancellationToken cancellation) =>
        await http.GetFromJsonAsync<TrialBalance>("api/ledger/trial-balance", cancellation) ?? throw new InvalidOperationException("No trial balance.");

    public async Task<Backend.Ingest.Payments.PaymentCountersSnapshot> PaymentCountersAsync(CancellationToken cancellation) =>
        await http.GetFromJsonAsync<Backend.Ingest.Payments.PaymentCountersSnapshot>("api/payments/counters", cancellation) ?? throw new InvalidOperationException("No payment counters.");

    public void Dispose() => http.Dispose();

    private async Task<T> PostAsync<T>(string path, object body, string key, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(IdempotencyKey.Header, $"{_run}-{key}");
        using var response = await http.SendAsync(request, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellation)}");
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellation) ?? throw new InvalidOperationException($"POST {path} answered no body.");
    }
}

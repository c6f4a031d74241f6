using System.Net;
using System.Text.RegularExpressions;

namespace Backend.Tests.Web;

/// <summary>
/// A browser's cookies and forms over a plain HttpClient (the in-memory test server has no port for a real browser):
/// keeps what Set-Cookie sets, sends it back, follows no redirects, and reads a form's antiforgery token.
/// </summary>
internal sealed partial class CookieSession(HttpClient http)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public async Task<HttpResponseMessage> GetAsync(string path) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>Posts <paramref name="fields"/> as a form, with the antiforgery token of the form at <paramref name="path"/> when <paramref name="withToken"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, bool withToken = true)
    {
        if (withToken)
        {
            using var form = await GetAsync(path);
            fields["__RequestVerificationToken"] = TokenInput().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        }

        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });
    }

    public bool Has(string cookie) => _cookies.ContainsKey(cookie);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var pair in set.Select(c => c.Split(';')[0].Split('=', 2)))
            {
                if (pair[1].Length == 0)
                {
                    _cookies.Remove(pair[0]);
                }
                else
                {
                    _cookies[pair[0]] = pair[1];
                }
            }
        }

        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}

using System.Globalization;
using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AbovePT.Bench.Scale;

/// <summary>
/// A browser behind nginx, talking to whichever instance it is sent to: its cookies kept by hand (they are Secure,
/// and the drill speaks plain http to loopback) and <c>X-Forwarded-Proto: https</c>, which the site believes from
/// loopback as it would from nginx. Forms are read from the page and posted back with every hidden field.
/// </summary>
internal sealed class Browser : IDisposable
{
    private readonly HttpClient _client = NewClient();
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public static HttpClient NewClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    public async Task<HttpResponseMessage> GetAsync(Uri origin, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, path));
        return await SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostAsync(Uri origin, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(origin, action)) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    /// <summary>The page's form (<paramref name="selector"/>): its action and hidden fields, for the caller to fill in.</summary>
    public static async Task<(string Action, List<KeyValuePair<string, string>> Fields, IDocument Page)> FormAsync(HttpResponseMessage page, string selector)
    {
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{page.RequestMessage?.RequestUri?.AbsolutePath}: {(int)page.StatusCode}, not the page with the form.");
        }

        var document = await ParseAsync(page);
        var form = document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"no {selector} on the page");
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .ToList();
        return (form.GetAttribute("action")!, fields, document);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage page) =>
        await BrowsingContext.New().OpenAsync(r => r.Content(page.Content.ReadAsStream()));

    /// <summary>A patient's request with an e-mail address (so a confirmation is due too); names made of letters, no real data.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Patient(int number) =>
    [
        new("Location", number % 2 == 0 ? "phoenix" : "queen-creek"),
        new("FirstName", "Drill"),
        new("LastName", "Patient" + Letters(number)),
        new("Phone", "(480) 555-0134"),
        new("ContactMethod", "email"),
        new("Email", $"patient{Letters(number)}@example.com"),
        new("PatientType", "new"),
        new("Reason", "knee"),
        new("Referral", "no"),
        new("Consent", "true"),
    ];

    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        lock (_cookies)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
        }

        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            lock (_cookies)
            {
                foreach (var pair in set.Select(c => c.Split(';')[0].Split('=', 2)))
                {
                    _cookies[pair[0]] = pair[1];
                }
            }
        }

        return response;
    }

    private static string Letters(int number) =>
        new([.. number.ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + (d - '0')))]);
}

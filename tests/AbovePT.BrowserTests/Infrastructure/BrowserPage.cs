using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AbovePT.BrowserTests.Infrastructure;

/// <summary>
/// A page in its own browser context that watches everything a visitor would suffer from without
/// noticing the cause: console errors, failed responses and requests leaving the site's own origin.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    /// <summary>WCAG 2.0, 2.1 and 2.2, levels A and AA: the level health sites are held to.</summary>
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private readonly IBrowserContext _context;
    private readonly string _origin;
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<(string Url, int Status)> _failedResponses = new();
    private readonly ConcurrentQueue<string> _foreignRequests = new();
    private readonly ConcurrentDictionary<(string Url, int Status), bool> _expectedFailures = new();

    private BrowserPage(IBrowserContext context, IPage page, Uri baseAddress)
    {
        _context = context;
        Page = page;
        _origin = baseAddress.GetLeftPart(UriPartial.Authority);

        context.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url)
                && url.Scheme is "http" or "https"
                && !string.Equals(url.GetLeftPart(UriPartial.Authority), _origin, StringComparison.OrdinalIgnoreCase))
            {
                _foreignRequests.Enqueue(request.Url);
            }
        };
        context.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _failedResponses.Enqueue((response.Url, response.Status));
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Enqueue($"{message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => _consoleErrors.Enqueue($"Uncaught: {error}");
    }

    public IPage Page { get; }

    public static async Task<BrowserPage> OpenAsync(IBrowserContext context, Uri baseAddress)
    {
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page, baseAddress);
    }

    /// <summary>Opens a path and checks the status the visitor gets.</summary>
    public async Task<IResponse> GotoAsync(string path, int expectedStatus = 200)
    {
        if (expectedStatus >= 400)
        {
            ExpectFailure(path, expectedStatus);
        }

        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load })
            ?? throw new InvalidOperationException($"Navigating to {path} gave no response.");
        Assert.True(expectedStatus == response.Status, $"GET {path}: expected {expectedStatus}, got {response.Status}.");
        return response;
    }

    /// <summary>
    /// Waits until the address bar shows <paramref name="pathAndQueryStart"/> on the site. Polls the URL rather
    /// than waiting for a load event, which a busy machine can deliver before the wait starts.
    /// </summary>
    public async Task AssertPathAsync(string pathAndQueryStart) =>
        await Assertions.Expect(Page).ToHaveURLAsync(
            new Regex("^" + Regex.Escape(_origin + pathAndQueryStart)),
            new PageAssertionsToHaveURLOptions { Timeout = 30_000 });

    /// <summary>Declares a failing response the journey asks for (a 404 page, a form posted with errors, a refused post); one address may be expected to fail with several statuses.</summary>
    public void ExpectFailure(string path, int status) => _expectedFailures[(Absolute(path), status)] = true;

    /// <summary>
    /// Zero axe-core violations for WCAG 2.2 A and AA on the page as it is now. axe is itself JavaScript: with
    /// scripts disabled it never finishes, so those journeys rely on the same pages checked with scripts on.
    /// </summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
        }).WaitAsync(TimeSpan.FromMinutes(1));

        if (result.Violations.Length == 0)
        {
            return;
        }

        var report = new StringBuilder($"axe-core found {result.Violations.Length} WCAG 2.2 A/AA violation(s) on {Page.Url}:");
        foreach (var violation in result.Violations)
        {
            report.AppendLine().Append(Invariant($"- {violation.Id} ({violation.Impact}): {violation.Help} {violation.HelpUrl}"));
            foreach (var node in violation.Nodes)
            {
                report.AppendLine().Append(Invariant($"    {node.Target}: {node.Html}"));
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []);
                foreach (var check in checks)
                {
                    report.AppendLine().Append("      ").Append(check.Message?.ReplaceLineEndings(" "));
                }
            }
        }

        Assert.Fail(report.ToString());
    }

    /// <summary>
    /// Every stylesheet arrived with rules in it: a 200 with an empty body (a missing pre-compressed asset does
    /// that) passes every status check and leaves patients with an unstyled page.
    /// </summary>
    public async Task AssertStyledAsync()
    {
        var empty = await Page.EvaluateAsync<string[]>(
            "() => [...document.styleSheets].filter(sheet => sheet.cssRules.length === 0).map(sheet => sheet.href ?? 'inline')");
        var count = await Page.EvaluateAsync<int>("() => document.styleSheets.length");
        Assert.True(count > 0, $"{Page.Url} has no stylesheet.");
        Assert.True(empty.Length == 0, $"Empty stylesheet(s) on {Page.Url}: {string.Join(", ", empty)}");
    }

    /// <summary>No console error, no failed response the journey did not ask for, no request off the site.</summary>
    public void AssertNoProblems()
    {
        var problems = new List<string>();
        problems.AddRange(_foreignRequests.Select(url => $"request to another origin: {url}"));
        problems.AddRange(_failedResponses
            .Where(failure => !IsExpected(failure.Url, failure.Status))
            .Select(failure => Invariant($"unexpected {failure.Status} for {failure.Url}")));
        problems.AddRange(_consoleErrors
            .Where(error => !IsExpectedLoadFailure(error))
            .Select(error => $"console error: {error}"));

        Assert.True(problems.Count == 0, $"Problems on {Page.Url}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private bool IsExpected(string url, int status) =>
        _expectedFailures.ContainsKey((StripFragment(url), status));

    // Chromium logs every 4xx document as "Failed to load resource"; the ones the journey asked for are fine.
    private bool IsExpectedLoadFailure(string error) =>
        error.StartsWith("Failed to load resource", StringComparison.Ordinal)
        && _expectedFailures.Keys.Any(expected => error.Contains($"(at {expected.Url}:", StringComparison.Ordinal));

    private string Absolute(string path) => new Uri(new Uri(_origin), path).ToString();

    private static string StripFragment(string url) => url.Split('#')[0];

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

using Microsoft.Playwright;

namespace AbovePT.BrowserTests.Infrastructure;

/// <summary>
/// One site on a real port and one Chromium for the whole run (starting a browser costs seconds); every
/// test gets a fresh browser context, so no cookie, cache or storage leaks from one test to the next.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelSiteFactory Site { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Fail before anything starts when there is no browser: every test then reports this message.
        var executable = Chromium.FindExecutable();

        BaseAddress = Site.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Args = Chromium.Arguments,
            Headless = true,
        });
    }

    public async Task<BrowserPage> OpenAsync(Viewport viewport, bool javaScriptEnabled = true)
    {
        if (_browser is null)
        {
            throw new InvalidOperationException("The browser fixture was not initialised.");
        }

        var phone = viewport == Viewport.Phone;
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = viewport.Width, Height = viewport.Height },
            // A phone lays the page out from its viewport meta tag and reports touch, as a real one does.
            IsMobile = phone,
            HasTouch = phone,
            JavaScriptEnabled = javaScriptEnabled,
            Locale = "en-US",
            TimezoneId = "America/Phoenix",
        });
        return await BrowserPage.OpenAsync(context, BaseAddress);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Site.DisposeAsync();
    }
}

/// <summary>Every browser test joins this collection, so they share one site and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

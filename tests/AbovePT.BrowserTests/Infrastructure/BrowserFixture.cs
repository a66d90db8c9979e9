using System.Globalization;
using AbovePT.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AbovePT.BrowserTests.Infrastructure;

/// <summary>
/// One site on a real port, its real SMTP server and one Chromium for the whole run (starting a browser costs
/// seconds); every test gets a fresh browser context, so no cookie, cache or storage leaks from one test to the
/// next. Tests find their own e-mails by reference or by the name they typed.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelSiteFactory Site { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The clinics' mail server: every front-desk and patient e-mail the site sends arrives here.</summary>
    public TestSmtpServer Smtp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Fail before anything starts when there is no browser: every test then reports this message.
        var executable = Chromium.FindExecutable();

        Smtp = await TestSmtpServer.StartAsync();
        Site.WithSetting("Mail:Delivery", "Smtp")
            .WithSetting("Mail:Host", "127.0.0.1")
            .WithSetting("Mail:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture))
            .WithSetting("Mail:Security", "None")
            // Journeys fill the form faster than a person and post it many times from one address.
            .WithSetting("Appointments:MinimumFillSeconds", "0")
            .WithSetting("Appointments:RateLimit:PermitLimit", "100000")
            // Passkeys belong to a domain (WebAuthn refuses an IP address), and the site names its own from here.
            .WithSetting("Site:BaseUrl", "http://localhost");
        BaseAddress = new UriBuilder(Site.Start()) { Host = "localhost" }.Uri;
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
        // A missing element fails in 20 s instead of Playwright's 30 s, while leaving room for a busy CI machine.
        context.SetDefaultTimeout(20_000);
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
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }
    }
}

/// <summary>Every browser test joins this collection, so they share one site and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

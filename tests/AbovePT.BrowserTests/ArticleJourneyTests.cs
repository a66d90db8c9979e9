using System.Text.RegularExpressions;
using AbovePT.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AbovePT.BrowserTests;

/// <summary>A runner with a sore knee finds the article from the home page and reads it, on a phone and a desktop.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ArticleJourneyTests(BrowserFixture browser)
{
    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task ReadKneeArticle_FromHomePage_ReadableWithWorkingContentsAndBothClinicPhones(string viewport)
    {
        await using var page = await browser.OpenAsync(Viewport.Named(viewport));
        await page.GotoAsync("/");

        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Why You’re Having Knee Pain After Running" }).First.ClickAsync();
        await page.AssertPathAsync("/articles/knee-pain-after-running");

        Assert.Equal("Why You’re Having Knee Pain After Running", (await page.Page.Locator("h1").InnerTextAsync()).Trim());
        Assert.False(await page.Page.ScrollsHorizontallyAsync(), "The article scrolls sideways: something is wider than the screen.");

        var contents = page.Page.Locator("nav.toc a[href^='#']");
        var count = await contents.CountAsync();
        Assert.True(count >= 3, $"Expected a table of contents with several sections, found {count} links.");
        for (var i = 0; i < count; i++)
        {
            var link = contents.Nth(i);
            var target = (await link.GetAttributeAsync("href"))![1..];
            await link.ClickAsync();

            var heading = page.Page.Locator($"[id='{target}']");
            Assert.True(await heading.CountAsync() == 1, $"Contents link #{target} points at no section.");
            await Assertions.Expect(page.Page).ToHaveURLAsync(new Regex($"#{Regex.Escape(target)}$"));
            // The section has to be where the reader now looks, not just somewhere on the page.
            var top = await heading.EvaluateAsync<double>("element => element.getBoundingClientRect().top");
            Assert.InRange(top, -1, Viewport.Named(viewport).Height / 2.0);
        }

        Assert.Contains("480.987.1870", await page.Page.Locator("a[href='tel:+14809871870']").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("602.866.2231", await page.Page.Locator("a[href='tel:+16028662231']").First.InnerTextAsync(), StringComparison.Ordinal);

        page.AssertNoProblems();
    }
}

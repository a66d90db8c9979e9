using Microsoft.Playwright;

namespace AbovePT.BrowserTests.Infrastructure;

/// <summary>Moving through a page the way a keyboard user does: Tab until the wanted control has focus.</summary>
public static class KeyboardExtensions
{
    /// <summary>
    /// Presses Tab until the focused element matches <paramref name="selector"/>; fails when Tab never gets
    /// there, which is what a keyboard user would run into.
    /// </summary>
    public static async Task TabToAsync(this IPage page, string selector, int maxPresses = 80)
    {
        for (var presses = 0; presses <= maxPresses; presses++)
        {
            if (await page.FocusedMatchesAsync(selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Pressing Tab {maxPresses} times on {page.Url} never focused {selector}; focus ended on {await page.FocusedDescriptionAsync()}.");
    }

    public static Task<bool> FocusedMatchesAsync(this IPage page, string selector) =>
        page.EvaluateAsync<bool>("selector => document.activeElement?.matches(selector) ?? false", selector);

    public static Task<string> FocusedDescriptionAsync(this IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? `<${e.tagName.toLowerCase()} id=\"${e.id}\" name=\"${e.getAttribute('name') ?? ''}\">` : 'nothing'; }");

    /// <summary>Whether the page can be scrolled sideways: on a phone that means text cut off or tiny.</summary>
    public static Task<bool> ScrollsHorizontallyAsync(this IPage page) =>
        page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth > window.innerWidth");
}

using AbovePT.BrowserTests.Infrastructure;

namespace AbovePT.BrowserTests;

/// <summary>
/// Every page, on a phone and on a desktop: accessible, error-free and self-contained. The form's error state
/// and the confirmation are checked the same way inside the appointment journeys, which reach them.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PageQualityTests(BrowserFixture browser)
{
    /// <summary>Each page a patient can land on, with the status it should answer.</summary>
    public static TheoryData<string, string, int> Pages()
    {
        (string Path, int Status)[] pages =
        [
            ("/", 200),
            ("/articles", 200),
            ("/articles/knee-pain-after-running", 200),
            ("/privacy", 200),
            ("/appointments/request", 200),
            ("/appointments/request?location=phoenix&from=knee-pain-after-running", 200),
            ("/this-page-does-not-exist", 404),
            ("/es", 200),
            ("/es/articulos", 200),
            ("/es/articulos/dolor-de-rodilla-al-correr", 200),
            ("/es/privacidad", 200),
            ("/es/citas/solicitar?location=phoenix", 200),
            ("/es/esta-pagina-no-existe", 404),
        ];

        var data = new TheoryData<string, string, int>();
        foreach (var viewport in Viewport.All)
        {
            foreach (var (path, status) in pages)
            {
                data.Add(viewport.Name, path, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Visit_AnyPageAtEitherViewport_NoAxeViolationsConsoleErrorsOrForeignRequests(string viewport, string path, int status)
    {
        await using var page = await browser.OpenAsync(Viewport.Named(viewport));

        await page.GotoAsync(path, status);

        page.AssertNoProblems();
        await page.AssertStyledAsync();
        await page.AssertAccessibleAsync();
    }
}

using AbovePT.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AbovePT.BrowserTests;

/// <summary>
/// A patient who reads Spanish, on a phone and on a desktop: finds the Spanish article from the Spanish home page,
/// asks for an appointment with the keyboard alone and is answered in Spanish on every page and in the confirmation
/// e-mail, while the front desk's e-mail, in English, tells them to call back in Spanish.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SpanishJourneyTests(BrowserFixture browser)
{
    private const string SpanishArticle = "/es/articulos/dolor-de-rodilla-al-correr";
    private const string SpanishTitle = "Por qué le duele la rodilla después de correr";

    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task ReadSpanishArticle_FromSpanishHome_SpanishThroughoutAndSwitchLandsOnTheTwin(string viewport)
    {
        await using var page = await browser.OpenAsync(Viewport.Named(viewport));
        await page.GotoAsync("/es");
        await AssertLanguageAsync(page, "es");

        await page.Page.GetByRole(AriaRole.Link, new() { Name = SpanishTitle }).First.ClickAsync();
        await page.AssertPathAsync(SpanishArticle);
        await AssertLanguageAsync(page, "es");
        Assert.Equal(SpanishTitle, (await page.Page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("30-50%", await page.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.Page.ScrollsHorizontallyAsync(), "The Spanish article scrolls sideways: something is wider than the screen.");
        // The clinics' numbers are the same in both languages: they come from one place.
        Assert.Contains("480.987.1870", await page.Page.Locator("a[href='tel:+14809871870']").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("602.866.2231", await page.Page.Locator("a[href='tel:+16028662231']").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        await page.Page.Locator("a.nav__language").ClickAsync();
        await page.AssertPathAsync("/articles/knee-pain-after-running");
        await AssertLanguageAsync(page, "en");
        Assert.Equal("Why You’re Having Knee Pain After Running", (await page.Page.Locator("h1").InnerTextAsync()).Trim());

        await page.Page.Locator("a.nav__language").ClickAsync();
        await page.AssertPathAsync(SpanishArticle);
        await AssertLanguageAsync(page, "es");

        page.AssertNoProblems();
    }

    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task RequestInSpanish_KeyboardOnly_SpanishErrorsConfirmationAndEmailFrontDeskToldSpanish(string viewport)
    {
        await using var page = await browser.OpenAsync(Viewport.Named(viewport));
        var lastName = TestPatients.UniqueLastName();
        var email = $"{lastName.ToLowerInvariant()}@example.com";
        await page.GotoAsync(SpanishArticle);
        await page.Page.Locator("main a[href^='/es/citas/solicitar?from=dolor-de-rodilla-al-correr']").ClickAsync();
        await page.AssertPathAsync("/es/citas/solicitar?from=dolor-de-rodilla-al-correr");
        await AssertLanguageAsync(page, "es");
        page.ExpectFailure("/es/citas/solicitar", 400);

        // From here on only the keyboard. First the form sent empty: every message is in Spanish.
        var keyboard = page.Page.Keyboard;
        await page.Page.TabToAsync("form.appt-form button[type=submit]", maxPresses: 120);
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Page.Locator("#error-summary")).ToBeFocusedAsync();
        await AssertLanguageAsync(page, "es");
        var summary = await page.Page.Locator("#error-summary").InnerTextAsync();
        Assert.Contains("Por favor, corrija lo siguiente y envíe de nuevo", summary, StringComparison.Ordinal);
        Assert.Contains("Elija la clínica que desea visitar.", summary, StringComparison.Ordinal);
        Assert.Contains("Escriba su nombre.", summary, StringComparison.Ordinal);
        Assert.Contains("Escriba su número de teléfono.", summary, StringComparison.Ordinal);
        Assert.Contains("Marque la casilla para confirmar que leyó esto y que está de acuerdo.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Choose", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Enter your", summary, StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        await page.Page.TabToAsync("input[name=Location]");
        await keyboard.PressAsync("ArrowDown"); // Queen Creek → Phoenix
        await page.Page.TabToAsync("#FirstName");
        await keyboard.TypeAsync("María");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(lastName);
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("602-555-0164");
        await page.Page.TabToAsync("#Email");
        await keyboard.TypeAsync(email);
        await page.Page.TabToAsync("input[name=ContactMethod]");
        await keyboard.PressAsync("ArrowDown"); // Llamada telefónica → Mensaje de texto
        await page.Page.TabToAsync("input[name=PatientType]");
        await keyboard.PressAsync("Space"); // Paciente nuevo
        await page.Page.TabToAsync("input[name=Reason]");
        await keyboard.PressAsync("Space"); // Rodilla
        await page.Page.TabToAsync("#Message");
        await keyboard.TypeAsync("Me duele la rodilla después de correr.");
        await page.Page.TabToAsync("input[name=Referral]");
        await keyboard.PressAsync("ArrowDown"); // Sí → No tengo referido
        await page.Page.TabToAsync("#Consent");
        await keyboard.PressAsync("Space");
        await page.Page.TabToAsync("form.appt-form button[type=submit]");
        await keyboard.PressAsync("Enter");

        await page.AssertPathAsync("/es/citas/solicitar/recibida?ticket=");
        await AssertLanguageAsync(page, "es");
        Assert.Equal("Gracias, recibimos su solicitud", (await page.Page.Locator("h1").InnerTextAsync()).Trim());
        var reference = (await page.Page.Locator(".appt-reference strong").InnerTextAsync()).Trim();
        Assert.StartsWith("PX-", reference, StringComparison.Ordinal);
        Assert.Contains("por mensaje de texto", await page.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        var confirmation = await browser.Smtp.WaitForMessageAsync(m =>
            m.To.Mailboxes.Any(mailbox => mailbox.Address == email) && m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        Assert.Equal($"Recibimos su solicitud de cita ({reference})", confirmation.Subject);
        Assert.Contains("Hola, María:", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("se comunicará con usted por mensaje de texto", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("(hora de Arizona)", confirmation.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Thank you", confirmation.TextBody, StringComparison.Ordinal);

        var frontDesk = await browser.Smtp.WaitForMessageAsync(m =>
            m.To.Mailboxes.Any(mailbox => mailbox.Address == "phoenix@abovept.example") && m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        Assert.Contains("(Spanish)", frontDesk.Subject, StringComparison.Ordinal);
        Assert.Contains("Patient's language: Spanish", frontDesk.TextBody, StringComparison.Ordinal);
        Assert.Contains(lastName, frontDesk.TextBody, StringComparison.Ordinal);
        Assert.Contains("Me duele la rodilla después de correr.", frontDesk.TextBody, StringComparison.Ordinal);

        page.AssertNoProblems();
    }

    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task LanguageSwitch_OnTheForm_KeepsTheChosenClinic(string viewport)
    {
        await using var page = await browser.OpenAsync(Viewport.Named(viewport));
        await page.GotoAsync("/appointments/request?location=phoenix");

        await page.Page.Locator("a.nav__language").ClickAsync();
        await page.AssertPathAsync("/es/citas/solicitar?location=phoenix");
        await AssertLanguageAsync(page, "es");
        await Assertions.Expect(page.Page.Locator("#Location-phoenix")).ToBeCheckedAsync();
        Assert.Equal("Solicitar una cita", (await page.Page.Locator("h1").InnerTextAsync()).Trim());

        await page.Page.Locator("a.nav__language").ClickAsync();
        await page.AssertPathAsync("/appointments/request?location=phoenix");
        await AssertLanguageAsync(page, "en");
        page.AssertNoProblems();
    }

    [Theory]
    [MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]
    public async Task RefusedPosts_InSpanish_SayWhatHappenedInSpanish(string viewport)
    {
        await using var page = await browser.OpenAsync(Viewport.Named(viewport));
        page.ExpectFailure("/es/citas/solicitar", 413);
        await page.GotoAsync("/es/citas/solicitar");

        // A message far longer than the form allows, as a pasted document or a broken client sends.
        await page.Page.Locator("#Message").EvaluateAsync("(area, text) => { area.removeAttribute('maxlength'); area.value = text; }", new string('a', 40_000));
        await page.Page.Locator("form.appt-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("Su solicitud era demasiado larga");
        await AssertLanguageAsync(page, "es");
        await page.AssertAccessibleAsync();

        // A form whose antiforgery cookie is gone, as after clearing cookies or a long pause.
        page.ExpectFailure("/es/citas/solicitar", 400);
        await page.GotoAsync("/es/citas/solicitar");
        await page.Page.Context.ClearCookiesAsync();
        await page.Page.Locator("form.appt-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("Envíe el formulario de nuevo");
        await AssertLanguageAsync(page, "es");
        await page.AssertAccessibleAsync();
        page.AssertNoProblems();
    }

    private static async Task AssertLanguageAsync(BrowserPage page, string language) =>
        Assert.Equal(language, await page.Page.Locator("html").GetAttributeAsync("lang"));
}

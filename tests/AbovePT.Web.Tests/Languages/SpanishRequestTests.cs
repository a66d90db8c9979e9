using System.Net;
using AbovePT.Web.Tests.Appointments;
using AbovePT.Web.Tests.Infrastructure;

namespace AbovePT.Web.Tests.Languages;

/// <summary>A request made in Spanish: the form, its messages and the confirmation are Spanish throughout.</summary>
public sealed class SpanishRequestTests(PickupSiteFixture fixture) : IClassFixture<PickupSiteFixture>
{
    private const string SpanishForm = "/es/citas/solicitar";

    [Fact]
    public async Task Form_IsInSpanishWithTheSameFieldsAndCodes()
    {
        var form = await fixture.Site.Browser().OpenAsync(SpanishForm + "?location=phoenix");
        var document = form.Document;

        Assert.Equal("es", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Solicitar una cita", document.QuerySelector("h1")?.TextContent);
        Assert.Equal(SpanishForm, form.Action);
        Assert.Equal("Llamada telefónica", document.QuerySelector("label[for=ContactMethod-phone]")?.TextContent);
        Assert.Equal("Rodilla", document.QuerySelector("label[for=Reason-knee]")?.TextContent);
        Assert.StartsWith("Entiendo que este formulario no es para emergencias", document.QuerySelector("label[for=Consent]")?.TextContent);
        var twin = Assert.Single(document.QuerySelectorAll("header a[hreflang]"));
        Assert.Equal(("English", "/appointments/request?location=phoenix"), (twin.TextContent, twin.GetAttribute("href")));
    }

    [Fact]
    public async Task EnglishForm_LinksTheSpanishFormKeepingTheClinic()
    {
        var form = await fixture.Site.Browser().OpenAsync("/appointments/request?location=queen-creek");

        var twin = Assert.Single(form.Document.QuerySelectorAll("header a[hreflang]"));
        Assert.Equal(("Español", "/es/citas/solicitar?location=queen-creek"), (twin.TextContent, twin.GetAttribute("href")));
    }

    [Fact]
    public async Task Post_WithErrors_ShowsSpanishMessagesAndStoresNothing()
    {
        var browser = fixture.Site.Browser();
        var form = (await browser.OpenAsync(SpanishForm)).FillValid("phoenix").Remove("FirstName").Set("Phone", "12").Set("EarliestDate", "2999-01-01");
        var before = (await fixture.Site.RequestsAsync()).Count;

        var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("es", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Por favor, corrija lo siguiente y envíe de nuevo", document.QuerySelector("#error-summary-title")?.TextContent);
        Assert.Equal("Escriba su nombre.", document.GetElementById("FirstName-error")?.TextContent);
        Assert.StartsWith("Escriba un número de teléfono con código de área", document.GetElementById("Phone-error")?.TextContent);
        Assert.Matches(@"^La primera fecha debe estar dentro de los próximos 90 días, a más tardar el \d{1,2} de [a-z]+ de \d{4}\.$", document.GetElementById("EarliestDate-error")?.TextContent);
        Assert.StartsWith("Error: ", document.Title);
        Assert.Equal(before, (await fixture.Site.RequestsAsync()).Count);
    }

    [Fact]
    public async Task Post_Valid_LeadsToTheSpanishConfirmation()
    {
        var browser = fixture.Site.Browser();
        var form = (await browser.OpenAsync(SpanishForm)).FillValid("queen-creek").Set("ContactMethod", "text");

        var response = await browser.PostAsync(form);

        Assert.StartsWith("/es/citas/solicitar/recibida?ticket=", response.Headers.Location?.OriginalString);
        var document = await browser.FollowAsync(response);
        Assert.Equal("es", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Gracias, recibimos su solicitud", document.QuerySelector("h1")?.TextContent);
        Assert.Contains("se comunicará con usted por mensaje de texto", document.QuerySelector("main")!.TextContent);
        var stored = (await fixture.Site.RequestsAsync()).Last();
        Assert.Contains(stored.Reference, document.QuerySelector(".appt-reference")!.TextContent);
        Assert.Equal(("queen-creek", "text", "knee"), (stored.LocationId, stored.ContactMethod, stored.Reason));
        var twin = Assert.Single(document.QuerySelectorAll("header a[hreflang]"));
        Assert.StartsWith("/appointments/request/received?ticket=", twin.GetAttribute("href"));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefusedInSpanish()
    {
        var browser = fixture.Site.Browser();
        var form = (await browser.OpenAsync(SpanishForm)).FillValid("phoenix").Remove("__RequestVerificationToken");

        var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("Envíe el formulario de nuevo", document.QuerySelector("h1")?.TextContent);
        Assert.Contains(SpanishForm, document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Post_TooLarge_IsTheSpanish413()
    {
        var browser = fixture.Site.Browser();
        var form = (await browser.OpenAsync(SpanishForm)).FillValid("phoenix").Set("Message", new string('m', 40_000));

        var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Su solicitud era demasiado larga", (await Html.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Received_WithUnknownTicket_IsTheSpanish404()
    {
        var response = await fixture.Site.CreateClient().GetAsync("/es/citas/solicitar/recibida?ticket=nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No encontramos esa página", (await Html.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Post_OverTheRateLimit_IsTheSpanish429()
    {
        using var site = new AppointmentSite(smtp: null);
        site.WithSetting("Appointments:RateLimit:PermitLimit", "1").WithSetting("Appointments:RateLimit:WindowSeconds", "3600");
        var browser = site.Browser();
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostAsync((await browser.OpenAsync(SpanishForm)).FillValid("phoenix"))).StatusCode);

        var response = await browser.PostAsync((await browser.OpenAsync(SpanishForm)).FillValid("phoenix"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var document = await Html.ParseAsync(response);
        Assert.Equal("es", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Espere un poco antes de enviar de nuevo", document.QuerySelector("h1")?.TextContent);
    }
}

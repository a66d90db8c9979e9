using AbovePT.Web.Features.Appointments;

namespace AbovePT.Web.Tests.Appointments;

/// <summary>The language a request was made in: recorded with it, and carried into both of its e-mails.</summary>
public sealed class RequestLanguageTests(SmtpSiteFixture fixture) : IClassFixture<SmtpSiteFixture>
{
    private static AppointmentForm Form() => new()
    {
        Location = "phoenix", FirstName = "Ana", LastName = "Ríos", Phone = "(602) 555-0177", ContactMethod = "phone",
        PatientType = "new", Reason = "knee", Referral = "no", Consent = true,
    };

    [Theory]
    [InlineData("es")]
    [InlineData("en")]
    public void ToRequest_RecordsTheLanguageItIsGiven(string language)
    {
        var request = AppointmentFormValidator.ToRequest(Form(), "PX-7K3Q9", Guid.NewGuid(), DateTime.UtcNow, language);

        Assert.Equal(language, request.Language);
    }

    [Fact]
    public async Task Post_OfTheEnglishForm_IsStoredAsEnglish()
    {
        var browser = fixture.Site.Browser();

        var confirmation = await browser.FollowAsync(await browser.RequestAsync("queen-creek", form => form.Set("LastName", "Englishform")));

        var reference = confirmation.QuerySelector(".appt-reference strong")!.TextContent;
        var stored = Assert.Single(await fixture.Site.RequestsAsync(), r => r.Reference == reference);
        Assert.Equal("en", stored.Language);
    }
}

using System.Globalization;
using AbovePT.Web.Clinic;
using AbovePT.Web.Features.Appointments;
using AbovePT.Web.Hosting.Languages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AbovePT.Web.Tests.Languages;

public sealed class CultureFormattingTests
{
    private static readonly DateOnly Wednesday = new(2026, 12, 2);

    [Fact]
    public void Dates_AreWrittenTheWayEachLanguageWritesThem()
    {
        Assert.Equal("miércoles, 2 de diciembre de 2026", ArizonaTime.FormatLongDate(Wednesday, SiteLanguages.Spanish));
        Assert.Equal("2 de diciembre de 2026", ArizonaTime.FormatDate(Wednesday, SiteLanguages.Spanish));
        Assert.Equal("Wednesday, December 2, 2026", ArizonaTime.FormatLongDate(Wednesday, SiteLanguages.English));
        Assert.Equal("December 2, 2026", ArizonaTime.FormatDate(Wednesday, SiteLanguages.English));
    }

    [Fact]
    public void Instants_AreOnTheArizonaClockInEitherLanguage()
    {
        // 22:04 UTC is 3:04 PM in Arizona, which keeps no daylight saving.
        var instant = new DateTimeOffset(2026, 12, 2, 22, 4, 0, TimeSpan.Zero);

        Assert.Equal("Wednesday, December 2, 2026, 3:04 PM", ArizonaTime.FormatIn(instant, SiteLanguages.English).Replace('\u202f', ' '));
        Assert.Matches(@"^miércoles, 2 de diciembre de 2026, 3:04\s?p\.\s?m\.$", ArizonaTime.FormatIn(instant, SiteLanguages.Spanish));
    }

    /// <summary>The staff side and the front desk's e-mail read the English labels from code, patients from the resources.</summary>
    [Fact]
    public void ChoiceLabels_InTheEnglishResources_AreTheOnesTheStaffSideShows()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var text = new StringLocalizer<AppointmentText>(factory);
        var groups = new Dictionary<string, IReadOnlyList<Choice>>
        {
            ["ContactMethod"] = AppointmentChoices.ContactMethods,
            ["PatientType"] = AppointmentChoices.PatientTypes,
            ["Reason"] = AppointmentChoices.Reasons,
            ["PreferredDays"] = AppointmentChoices.Days,
            ["PreferredTimes"] = AppointmentChoices.Times,
            ["Referral"] = AppointmentChoices.Referrals,
        };
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = SiteLanguages.English;
        try
        {
            foreach (var (field, choices) in groups)
            {
                foreach (var choice in choices)
                {
                    var resource = text[$"{field}.{choice.Value}"];
                    Assert.False(resource.ResourceNotFound, $"{field}.{choice.Value} has no resource");
                    Assert.Equal(choice.Label, resource.Value);
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

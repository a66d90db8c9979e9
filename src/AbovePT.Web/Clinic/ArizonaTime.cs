using System.Globalization;

namespace AbovePT.Web.Clinic;

/// <summary>
/// Every time the site shows or e-mails is clinic time: America/Phoenix, which keeps no daylight saving.
/// </summary>
public static class ArizonaTime
{
    public static TimeZoneInfo Zone { get; } = FindZone();

    public static DateTimeOffset ToArizona(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>A UTC instant as the database keeps it (a <see cref="DateTime"/> of kind UTC), in Arizona time.</summary>
    public static DateTimeOffset ToArizona(DateTime utc) => ToArizona(new DateTimeOffset(utc, TimeSpan.Zero));

    public static DateTimeOffset Now(TimeProvider time) => ToArizona(time.GetUtcNow());

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time).DateTime);

    /// <summary>The instant an Arizona calendar day begins: midnight there, for dates that need a time.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>The instant of a date and time on an Arizona clock, as staff enter one.</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).UtcDateTime;
    }

    /// <summary>e.g. "Wed, Nov 25, 2026, 3:04 PM (Arizona time)".</summary>
    public static string Format(DateTimeOffset instant) =>
        ToArizona(instant).ToString("ddd, MMM d, yyyy, h:mm tt", System.Globalization.CultureInfo.InvariantCulture) + " (Arizona time)";

    /// <summary>
    /// An instant on the Arizona clock as <paramref name="culture"/> writes it: "Wednesday, December 2, 2026, 3:04 PM",
    /// "miércoles, 2 de diciembre de 2026, 3:04 p. m.". The caller adds its own words for the zone, in its language.
    /// </summary>
    public static string FormatIn(DateTimeOffset instant, CultureInfo culture) =>
        ToArizona(instant).ToString(culture.DateTimeFormat.LongDatePattern + ", " + culture.DateTimeFormat.ShortTimePattern, culture);

    /// <summary>A calendar date with its weekday: "Wednesday, December 2, 2026", "miércoles, 2 de diciembre de 2026".</summary>
    public static string FormatLongDate(DateOnly date, CultureInfo culture) => date.ToString("D", culture);

    /// <summary>
    /// A calendar date as <paramref name="culture"/> writes it, without the weekday: "December 2, 2026",
    /// "2 de diciembre de 2026" (the culture's long date, less its leading weekday).
    /// </summary>
    public static string FormatDate(DateOnly date, CultureInfo culture)
    {
        var pattern = culture.DateTimeFormat.LongDatePattern;
        const string Weekday = "dddd, ";
        return date.ToString(pattern.StartsWith(Weekday, StringComparison.Ordinal) ? pattern[Weekday.Length..] : pattern, culture);
    }

    private static TimeZoneInfo FindZone()
    {
        // A machine without tzdata still gets the right answer: Arizona has been UTC-7 all year since 1968.
        return TimeZoneInfo.TryFindSystemTimeZoneById("America/Phoenix", out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("America/Phoenix", TimeSpan.FromHours(-7), "Arizona", "MST");
    }
}

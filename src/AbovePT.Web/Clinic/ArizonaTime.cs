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

    private static TimeZoneInfo FindZone()
    {
        // A machine without tzdata still gets the right answer: Arizona has been UTC-7 all year since 1968.
        return TimeZoneInfo.TryFindSystemTimeZoneById("America/Phoenix", out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("America/Phoenix", TimeSpan.FromHours(-7), "Arizona", "MST");
    }
}

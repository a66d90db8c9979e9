using System.Globalization;
using AbovePT.Web.Clinic;

namespace AbovePT.Web.Features.Inbox;

/// <summary>
/// Where the overview's two inline SVG charts put their shapes, in viewBox units (the chart scales to its width);
/// the view only draws them. No script and no style attribute (the CSP allows neither): colours come from classes.
/// </summary>
public static class OverviewCharts
{
    public const double Width = 400;

    public const double DaysHeight = 172;

    public const double WaitsHeight = 64;

    /// <summary>Where the bars begin; the axis's numbers sit to the left of it.</summary>
    public const double PlotLeft = 24;

    public const double PlotTop = 16;

    public const double Baseline = 142;

    public const double DateLabelY = 162;

    /// <summary>Where the waits' bars begin, after their labels ("90th percentile").</summary>
    public const double WaitBarsLeft = 116;

    /// <summary>Room kept after the longer wait's bar for its value ("2 d 3 h").</summary>
    public const double WaitValueRoom = 92;

    private const double Slot = (Width - PlotLeft - 4) / InboxOverview.Days;

    private const double BarWidth = Slot * 0.72;

    /// <summary>A number as an SVG attribute takes it, whatever the culture.</summary>
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>One bar per day, oldest first, scaled to the busiest day (at least one request).</summary>
    public static IReadOnlyList<DayBar> Bars(ClinicOverview overview)
    {
        var top = Scale(overview);
        return [.. overview.Days.Select((day, i) =>
        {
            var height = (Baseline - PlotTop) * day.Requests / top;
            var x = PlotLeft + (i * Slot) + ((Slot - BarWidth) / 2);
            // A date every week back from today, today's last; the last is anchored at its end so it stays inside.
            var label = (overview.Days.Count - 1 - i) % 7 == 0 ? ShortDate(day.Date) : null;
            return new DayBar(day, x, Baseline - height, BarWidth, height, x + (BarWidth / 2), label, i == overview.Days.Count - 1);
        })];
    }

    /// <summary>The value of the top of the chart: the busiest day, or 1 when there were no requests.</summary>
    public static int Scale(ClinicOverview overview) => Math.Max(overview.Busiest, 1);

    /// <summary>The median's and the 90th percentile's bars, scaled to the longer (the 90th percentile).</summary>
    public static (double Median, double Percentile90) WaitWidths(FirstCallTimes times)
    {
        var longest = times.Percentile90 ?? TimeSpan.Zero;
        var room = Width - WaitBarsLeft - WaitValueRoom;
        if (longest <= TimeSpan.Zero)
        {
            // Both called within the minute: a sliver each, so the bars are still there to see.
            return (1, 1);
        }

        var median = times.Median ?? TimeSpan.Zero;
        return (Math.Max(1, room * (median / longest)), room);
    }

    /// <summary>"Nov 3"</summary>
    public static string ShortDate(DateOnly date) => date.ToString("MMM d", CultureInfo.InvariantCulture);

    /// <summary>"Tue, Nov 3"</summary>
    public static string Day(DateOnly date) => date.ToString("ddd, MMM d", CultureInfo.InvariantCulture);

    /// <summary>A wait as the overview words it: "under a minute", "35 min", "2 h 10 min", "1 d 3 h".</summary>
    public static string Wait(TimeSpan wait) => wait < TimeSpan.FromMinutes(1) ? "under a minute" : InboxFormat.Age(wait);

    /// <summary>What the chart of days shows, for the SVG's description.</summary>
    public static string Describe(ClinicOverview overview)
    {
        var from = ShortDate(overview.Days[0].Date);
        var to = ShortDate(overview.Days[^1].Date);
        if (overview.Total == 0)
        {
            return $"No requests from {from} to {to}.";
        }

        var busiest = overview.Days.Last(d => d.Requests == overview.Busiest);
        return $"{overview.Total} {Requests(overview.Total)} from {from} to {to}; the most on one day: {busiest.Requests}, on {Day(busiest.Date)}. "
            + "The table below lists every day.";
    }

    public static string Requests(int count) => count == 1 ? "request" : "requests";
}

/// <summary>One day's bar; <see cref="DateLabel"/> when the axis names its date.</summary>
public sealed record DayBar(DayCount Day, double X, double Y, double Width, double Height, double Middle, string? DateLabel, bool IsLast);

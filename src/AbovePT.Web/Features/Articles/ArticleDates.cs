using System.Globalization;
using AbovePT.Web.Clinic;

namespace AbovePT.Web.Features.Articles;

/// <summary>Article dates are calendar dates in Arizona; they are shown and published without a time.</summary>
public static class ArticleDates
{
    /// <summary>e.g. "December 15, 2025".</summary>
    public static string Display(DateOnly date) => date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    /// <summary>As a reader of the page's language writes it: "December 15, 2025", "15 de diciembre de 2025".</summary>
    public static string DisplayIn(DateOnly date, CultureInfo culture) => ArizonaTime.FormatDate(date, culture);

    /// <summary>e.g. "2025-12-15", for <c>&lt;time datetime&gt;</c> and metadata.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

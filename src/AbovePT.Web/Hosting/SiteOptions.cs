using System.ComponentModel.DataAnnotations;

namespace AbovePT.Web.Hosting;

/// <summary>Settings that describe the public site as a whole.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>
    /// The public origin used for canonical URLs, the sitemap and the feed. Configured rather than read
    /// from the request so a forged Host header can never leak into links that search engines keep.
    /// </summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "https://www.abovept.example";

    public Uri Absolute(string path) => new(new Uri(BaseUrl.TrimEnd('/') + "/"), path.TrimStart('/'));
}

namespace AbovePT.Web.Hosting.Security;

/// <summary>
/// Names of the MVC response-cache profiles, for <c>[ResponseCache(CacheProfileName = ...)]</c>.
/// </summary>
public static class CacheProfiles
{
    /// <summary>
    /// Public reading pages (articles, privacy notice): the same for everyone, so browsers and proxies
    /// may keep them for five minutes; an edited article shows within that time.
    /// </summary>
    public const string PublicPage = "PublicPage";

    /// <summary>
    /// Forms and confirmations: they carry a patient's details or a one-time token, so no browser
    /// history, back-button cache or proxy may keep a copy.
    /// </summary>
    public const string NoStore = "NoStore";

    internal const int PublicPageSeconds = 300;
}

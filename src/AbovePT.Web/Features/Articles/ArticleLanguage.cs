namespace AbovePT.Web.Features.Articles;

/// <summary>
/// The languages articles are written in: English at the site's root, Spanish under <c>/es</c>. An article's
/// language comes from its front matter (<c>lang</c>), English when it says none.
/// </summary>
public static class ArticleLanguage
{
    public const string English = "en";

    public const string Spanish = "es";

    public static readonly IReadOnlyList<string> All = [English, Spanish];

    public static bool IsKnown(string? language) => language is English or Spanish;

    /// <summary>The home page's address in <paramref name="language"/>.</summary>
    public static string HomePath(string language) => language == Spanish ? "/es" : "/";

    /// <summary>The article list's address in <paramref name="language"/>.</summary>
    public static string ListPath(string language) => language == Spanish ? "/es/articulos" : "/articles";

    public static string PathOf(string language, string slug) => ListPath(language) + "/" + slug;

    /// <summary>The language's name in English, for messages to the staff who edit the files.</summary>
    public static string Name(string language) => language == Spanish ? "Spanish" : "English";

    /// <summary>The BCP 47 tag for <c>inLanguage</c>, feeds and hreflang: these pages are written for Arizona.</summary>
    public static string Tag(string language) => language == Spanish ? "es-US" : "en-US";
}

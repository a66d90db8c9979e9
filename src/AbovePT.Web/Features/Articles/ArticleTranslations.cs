namespace AbovePT.Web.Features.Articles;

/// <summary>
/// The rules for <c>translationOf</c>, which need every file: a translation names an original that loads, in the
/// other language, that is not itself a translation, and that has no other translation in the same language. A file
/// that breaks one is left out, like any other problem, with a message saying how to fix it.
/// </summary>
public static class ArticleTranslations
{
    public static IReadOnlyList<ArticleFileResult> Check(IReadOnlyList<ArticleFileResult> results)
    {
        var loaded = results.Select(r => r.Article).OfType<Article>().ToDictionary(a => a.Slug, StringComparer.Ordinal);
        var files = results.Select(r => Path.GetFileName(r.File)).ToHashSet(StringComparer.Ordinal);
        var taken = new Dictionary<(string Original, string Language), string>();
        var checkedResults = new List<ArticleFileResult>(results.Count);
        foreach (var result in results)
        {
            var problem = result.Article is { TranslationOf: { } original } translation
                ? Problem(translation, original)
                : null;
            checkedResults.Add(problem is null ? result : result with { Article = null, Problems = [.. result.Problems, problem] });
        }

        return checkedResults;

        string? Problem(Article translation, string slug)
        {
            var language = ArticleLanguage.Name(translation.Language);
            if (!loaded.TryGetValue(slug, out var original))
            {
                return files.Contains(slug + ArticleParser.Extension)
                    ? $"'translationOf' names '{slug}', which is left out of the site itself; fix that file first (the log says what is wrong with it)."
                    : $"'translationOf' names '{slug}', but there is no article content/articles/{slug}{ArticleParser.Extension}; write the original's file name without '.md'.";
            }

            if (original.Language == translation.Language)
            {
                return $"'translationOf' names '{slug}', which is in {language} too; a translation names the article in the other language (check 'lang' in both files).";
            }

            if (original.TranslationOf is { } first)
            {
                return $"'translationOf' names '{slug}', which is itself a translation of '{first}'; name the original, '{first}'.";
            }

            if (!taken.TryAdd((slug, translation.Language), translation.Slug))
            {
                return $"'{slug}' has a {language} translation already, '{taken[(slug, translation.Language)]}'; an article has at most one translation in each language.";
            }

            return null;
        }
    }
}

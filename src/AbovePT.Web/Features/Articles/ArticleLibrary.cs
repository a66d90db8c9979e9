using Microsoft.Extensions.Options;

namespace AbovePT.Web.Features.Articles;

/// <summary>An article file's outcome: the article, or why it was left out, and what to tidy up.</summary>
public sealed record ArticleFileResult(string File, Article? Article, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings);

/// <summary>
/// Holds the current <see cref="ArticleSnapshot"/>. <see cref="Reload"/> reads and renders every file,
/// then swaps the snapshot in one write; requests only ever read <see cref="Current"/>.
/// </summary>
/// <remarks>
/// The first load runs beside the server's start (<see cref="ArticleWatcher"/>). A request that comes before it
/// has finished waits for it, or makes it itself when it has not begun, so no article is ever missing meanwhile.
/// </remarks>
public sealed class ArticleLibrary(IOptions<ArticlesOptions> options, ILogger<ArticleLibrary> logger)
{
    private readonly Lock _reloading = new();
    private volatile ArticleSnapshot? _current;

    public string ContentDirectory => options.Value.ContentDirectory;

    public string ArticlesDirectory => Path.Combine(ContentDirectory, "articles");

    public ArticleSnapshot Current => _current ?? Load();

    /// <summary>The articles as last read, reading them first if no read has been made yet.</summary>
    public ArticleSnapshot Load()
    {
        lock (_reloading)
        {
            return _current ?? Read();
        }
    }

    public ArticleSnapshot Reload()
    {
        // One rebuild at a time, so an older read of the files can never replace a newer one.
        lock (_reloading)
        {
            return Read();
        }
    }

    /// <summary>Reads and renders every file and swaps the snapshot; only under <c>_reloading</c>.</summary>
    private ArticleSnapshot Read()
    {
        var results = ReadAll(ArticlesDirectory);
        if (results is null)
        {
            ArticlesLog.NoArticlesFolder(logger, ArticlesDirectory);
            return _current = ArticleSnapshot.Empty;
        }

        foreach (var result in results)
        {
            foreach (var problem in result.Problems)
            {
                ArticlesLog.LeftOut(logger, result.File, problem);
            }

            foreach (var warning in result.Warnings)
            {
                ArticlesLog.ContentWarning(logger, result.File, warning);
            }
        }

        var articles = results.Select(r => r.Article).OfType<Article>().ToList();
        var shown = options.Value.ShowDrafts ? articles : articles.Where(a => !a.Draft);
        var snapshot = new ArticleSnapshot(shown);
        var drafts = articles.Count(a => a.Draft);
        var leftOut = results.Count(r => r.Article is null);
        ArticlesLog.Loaded(logger, snapshot.Published.Count, drafts, leftOut, ArticlesDirectory);
        return _current = snapshot;
    }

    /// <summary>
    /// Reads every file in the articles folder (hidden files such as editors' swap files excepted), with the rules
    /// between files (<see cref="ArticleTranslations"/>), or returns null when the folder does not exist. The content
    /// tests use this exact check.
    /// </summary>
    public static IReadOnlyList<ArticleFileResult>? ReadAll(string articlesDirectory)
    {
        if (!Directory.Exists(articlesDirectory))
        {
            return null;
        }

        var results = new List<ArticleFileResult>();
        foreach (var file in Directory.EnumerateFiles(articlesDirectory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith('.'))
            {
                continue;
            }

            try
            {
                var parsed = ArticleParser.Parse(name, File.ReadAllText(file));
                results.Add(new ArticleFileResult(file, parsed.Article, parsed.Problems, parsed.Warnings));
            }
            catch (IOException e)
            {
                // Usually a file caught mid-save; the watcher sees the save finish and reloads again.
                results.Add(new ArticleFileResult(file, null, [$"could not be read: {e.Message}"], []));
            }
            catch (UnauthorizedAccessException e)
            {
                results.Add(new ArticleFileResult(file, null, [$"could not be read: {e.Message}"], []));
            }
        }

        return ArticleTranslations.Check(results);
    }
}

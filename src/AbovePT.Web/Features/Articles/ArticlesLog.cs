namespace AbovePT.Web.Features.Articles;

internal static partial class ArticlesLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Loaded {Count} article(s) from {Directory} ({Drafts} draft(s), {LeftOut} left out)")]
    public static partial void Loaded(ILogger logger, int count, int drafts, int leftOut, string directory);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Article file {File} is left out: {Problem}")]
    public static partial void LeftOut(ILogger logger, string file, string problem);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Article file {File} is served but needs a fix: {Warning}")]
    public static partial void ContentWarning(ILogger logger, string file, string warning);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "No articles folder at {Directory}; the site shows no articles until it exists")]
    public static partial void NoArticlesFolder(ILogger logger, string directory);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Watching {Directory} for article changes ({Method})")]
    public static partial void Watching(ILogger logger, string directory, string method);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "The OS refused a file watcher for the articles; polling for changes instead")]
    public static partial void WatcherUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Reloading articles failed; the previous articles keep serving")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);
}

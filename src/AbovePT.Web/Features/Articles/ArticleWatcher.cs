using System.Threading.Channels;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// Reloads the articles when a file in the articles folder is edited, added, renamed or deleted, so
/// staff see their change within seconds without a restart (in a published app too). Uses the OS file
/// watcher; set DOTNET_USE_POLLING_FILE_WATCHER=1 where it sees no events (some network and container mounts).
/// </summary>
internal sealed class ArticleWatcher(ArticleLibrary library, IOutputCacheStore pages, ILogger<ArticleWatcher> logger) : BackgroundService
{
    /// <summary>Editors save in several steps (temp file, rename); wait for the burst to finish.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    // Capacity one: any number of events while a reload is pending collapse into that reload.
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private PhysicalFileProvider? _files;
    private IDisposable? _watch;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Done before the server takes requests: the watch first, then the load, so no change between
        // the two can be missed and the first request already finds every article rendered.
        _files = new PhysicalFileProvider(library.ContentDirectory);
        _watch = ChangeToken.OnChange(() => _files.Watch("articles/**/*"), () => _changes.Writer.TryWrite(true));
        ArticlesLog.Watching(logger, library.ArticlesDirectory);
        library.Reload();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Settle, stoppingToken);
                _changes.Reader.TryRead(out _);
                try
                {
                    library.Reload();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    ArticlesLog.ReloadFailed(logger, e);
                }

                // Pages of the old snapshot can no longer be served (the key has the version); free them.
                await pages.EvictByTagAsync(ArticlePageCachePolicy.Tag, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    public override void Dispose()
    {
        _watch?.Dispose();
        _files?.Dispose();
        base.Dispose();
    }
}

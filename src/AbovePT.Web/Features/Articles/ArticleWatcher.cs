using System.Threading.Channels;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AbovePT.Web.Features.Articles;

/// <summary>
/// Reloads the articles when a file in the articles folder is edited, added, renamed or deleted, so
/// staff see their change within seconds without a restart (in a published app too). Uses the OS file
/// watcher, or polling with <c>Articles:PollForChanges</c> or when the OS refuses another watcher.
/// </summary>
internal sealed class ArticleWatcher(
    ArticleLibrary library, IOptions<ArticlesOptions> options, ArticlePageCache pages, ILogger<ArticleWatcher> logger) : BackgroundService
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
        // The watch is in place before the server takes requests and before the first load (ExecuteAsync, beside
        // the server's start), so no change between the two can be missed.
        var polling = options.Value.PollForChanges;
        try
        {
            Watch(polling);
        }
        catch (IOException e) when (!polling)
        {
            // Typically Linux's per-user limit on inotify instances; polling needs none.
            ArticlesLog.WatcherUnavailable(logger, e);
            _files?.Dispose();
            polling = true;
            Watch(polling);
        }

        ArticlesLog.Watching(logger, library.ArticlesDirectory, polling ? "polling" : "file system events");
        return base.StartAsync(cancellationToken);
    }

    private void Watch(bool polling)
    {
        _files = new PhysicalFileProvider(library.ContentDirectory)
        {
            UsePollingFileWatcher = polling,
            UseActivePolling = polling,
        };
        var files = _files;
        _watch = ChangeToken.OnChange(() => files.Watch("articles/**/*"), () => _changes.Writer.TryWrite(true));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first load, beside Kestrel's start rather than before it: a request that comes first waits for it
        // (ArticleLibrary.Current). A folder that cannot be read at all still stops the site: the host stops when a
        // background service fails.
        library.Load();
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

                // Pages of the old snapshot can no longer be served (each is checked against the version); free them.
                pages.Clear();
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

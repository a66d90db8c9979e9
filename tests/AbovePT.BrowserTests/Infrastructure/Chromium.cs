namespace AbovePT.BrowserTests.Infrastructure;

/// <summary>
/// Finds the Chromium the tests drive: Debian's package, never a browser Playwright downloads
/// (<c>playwright install</c> cannot reach its CDN here, and CI installs Chromium with apt).
/// </summary>
public static class Chromium
{
    public const string PathVariable = "CHROMIUM_PATH";

    /// <summary>
    /// Flags for running as root on a closed network: no sandbox (root cannot use it), no GPU, and none of the
    /// background calls home (updates, sync, QUIC probes) that would fail here and show up as foreign requests.
    /// </summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    public static string FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException(
                    $"{PathVariable} is '{configured}', but no file is there. Point it at a Chromium executable or unset it to use 'chromium' from the PATH.");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "chromium"))
            .FirstOrDefault(File.Exists);

        return onPath ?? throw new InvalidOperationException(
            "The browser tests need Chromium and found none: no 'chromium' on the PATH and "
            + $"{PathVariable} is not set. Install it with 'apt-get install chromium' (./test.sh does) or set {PathVariable}.");
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>
/// Keeps the log entries the site writes, so tests can read them. Registered with a filter of its own at Trace it
/// sees every entry at every level (for "never in any log" checks); as an <see cref="OperatorLogCapture"/> it sees
/// what the console shows under the site's own logging rules (for "said once" checks).
/// </summary>
public class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose() => GC.SuppressFinalize(this);

    public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message} {Exception}";
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}

/// <summary>
/// A <see cref="LogCapture"/> under the site's own logging rules (appsettings and code), exactly as the console
/// provider is: what an operator reading the log would see. No provider-specific rule names this type.
/// </summary>
public sealed class OperatorLogCapture : LogCapture;

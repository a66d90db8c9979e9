using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AbovePT.Web.Tests.Privacy;

/// <summary>
/// Records everything a log sink could ever receive: the formatted message, every structured value,
/// every scope (request path, trace ids and whatever else the framework adds) and the full exception.
/// </summary>
public sealed class AllLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, AllLogs sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => sink._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}[{eventId}]: {formatter(state, exception)}");
            Append(line, state);
            sink._scopes.ForEachScope((scope, builder) => Append(builder.Append(" scope:"), scope), line);
            if (exception is not null)
            {
                line.Append(' ').Append(exception);
            }

            sink._lines.Enqueue(line.ToString());
        }

        private static void Append(StringBuilder line, object? state)
        {
            line.Append(" | ").Append(state);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    line.Append(' ').Append(key).Append('=').Append(value);
                }
            }
        }
    }
}

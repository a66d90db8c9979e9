using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Data.Sqlite;

namespace AbovePT.Web.Operations;

/// <summary>
/// When the database cannot take a write (read-only file, full disk, locked too long), the patient gets
/// a clear 503 page saying the request was not saved and which number to call, instead of the generic
/// error page. The request is one row written in one transaction, so nothing is half-stored.
/// </summary>
internal sealed partial class DatabaseUnavailableFilter(ILogger<DatabaseUnavailableFilter> logger) : IExceptionFilter
{
    internal const string ViewPath = "/Features/Shared/DatabaseUnavailable.cshtml";

    private const int RetryAfterSeconds = 300;

    public void OnException(ExceptionContext context)
    {
        if (ClinicDatabase.Unavailable(context.Exception) is not { } sqlite)
        {
            return;
        }

        // Pooled connections remember a file that was read-only when they opened it; once the
        // administrator fixes the file, the next request should open it afresh.
        SqliteConnection.ClearAllPools();
        LogUnavailable(logger, sqlite.SqliteErrorCode, sqlite.SqliteExtendedErrorCode, context.HttpContext.Request.Path);
        context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Result = new ViewResult { ViewName = ViewPath, StatusCode = StatusCodes.Status503ServiceUnavailable };
        context.ExceptionHandled = true;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Database unavailable (SQLite error {SqliteError}/{SqliteExtendedError}) on {Path}; answered 503, nothing stored")]
    private static partial void LogUnavailable(ILogger logger, int sqliteError, int sqliteExtendedError, PathString path);
}

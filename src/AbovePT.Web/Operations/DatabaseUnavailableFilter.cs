using System.Globalization;
using AbovePT.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AbovePT.Web.Operations;

/// <summary>
/// When the database cannot take a write (read-only file, full disk, locked too long, corrupt), the patient
/// gets a clear 503 page saying the request was not saved and which number to call, instead of the generic
/// error page. The request is one row written in one transaction, so nothing is half-stored. The fault is
/// reported to <see cref="DatabaseStatus"/>, which <c>/healthz</c> and the re-check read.
/// </summary>
internal sealed partial class DatabaseUnavailableFilter(DatabaseStatus status, ILogger<DatabaseUnavailableFilter> logger) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (ClinicStore.FaultOf(context.Exception) is not { } fault)
        {
            return;
        }

        status.Report(fault);
        LogUnavailable(logger, fault.Code, fault.Problem, context.HttpContext.Request.Path);
        context.Result = DatabaseUnavailablePage.Result(context.HttpContext);
        context.ExceptionHandled = true;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Database unavailable ({Error}: {Problem}) on {Path}; answered 503, nothing stored")]
    private static partial void LogUnavailable(ILogger logger, string error, string problem, PathString path);
}

/// <summary>
/// Pages that read or write the database answer the 503 page at once while it is not ready (corrupt,
/// read-only, unopenable at start-up): a patient should not fill in a form the site cannot store, and one who
/// posts a form opened earlier should hear that it was not saved, not that the form expired. Right after
/// start-up they first wait for the database's first check (<see cref="DatabaseStatus.IsReadyAsync"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresDatabaseAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery check and model binding; only the body-size limit goes first.</summary>
    public int Order => int.MinValue + 1;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var database = context.HttpContext.RequestServices.GetRequiredService<DatabaseStatus>();
        if (!await database.IsReadyAsync(context.HttpContext.RequestAborted))
        {
            context.Result = DatabaseUnavailablePage.Result(context.HttpContext);
        }
    }
}

internal static class DatabaseUnavailablePage
{
    internal const string ViewPath = "/Features/Shared/DatabaseUnavailable.cshtml";

    private const int RetryAfterSeconds = 300;

    public static ViewResult Result(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return new ViewResult { ViewName = ViewPath, StatusCode = StatusCodes.Status503ServiceUnavailable };
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AbovePT.Web.Features.Errors;

/// <summary>Friendly pages for status codes; reached by re-execution, never linked to directly.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController : Controller
{
    /// <summary>
    /// The status is the one the pipeline chose: the original status of a re-executed request, or the one
    /// the exception handler set. Never a bound parameter, so no <c>status</c> field or query value can pick
    /// it. A direct visit to <c>/error/…</c> is itself not found.
    /// </summary>
    [Route("/error/{status:int}")]
    public IActionResult Status()
    {
        var code = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode
            ?? (HttpContext.Features.Get<IExceptionHandlerFeature>() is null ? StatusCodes.Status404NotFound : Response.StatusCode);
        Response.StatusCode = code;
        return View(code == StatusCodes.Status404NotFound ? "NotFound" : "Error", code);
    }
}

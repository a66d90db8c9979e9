using Microsoft.AspNetCore.Mvc;

namespace AbovePT.Web.Features.Errors;

/// <summary>Friendly pages for status codes; reached by re-execution, never linked to directly.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController : Controller
{
    [Route("/error/{status:int}")]
    public IActionResult Status(int status)
    {
        // Re-executed requests keep the original status; a direct visit to /error/… is itself not found.
        var code = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
            && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is null
            ? StatusCodes.Status404NotFound
            : status;
        Response.StatusCode = code;
        return View(code == StatusCodes.Status404NotFound ? "NotFound" : "Error", code);
    }
}

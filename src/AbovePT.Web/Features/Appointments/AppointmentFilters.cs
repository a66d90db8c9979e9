using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace AbovePT.Web.Features.Appointments;

/// <summary>
/// Caps the post's body well below Kestrel's 30 MB default and answers anything larger with a 413 page;
/// a body the form reader refuses gets a 400 page. Either way nothing is stored.
/// Runs before the antiforgery check, which would otherwise be the first to read the oversized form.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AppointmentBodyLimitAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Every field at its longest, in multi-byte characters and URL-encoded, still fits.</summary>
    public const long MaxBodyBytes = 32 * 1024;

    public int Order => int.MinValue;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            context.Result = TooLarge(context.HttpContext);
            return;
        }

        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (!request.HasFormContentType)
        {
            return;
        }

        try
        {
            // Read once here, under the limit; antiforgery and model binding reuse the parsed form.
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Result = TooLarge(context.HttpContext);
        }
        catch (InvalidDataException)
        {
            // ASP.NET Core refuses some form bodies outright, e.g. a value with a NUL character.
            context.Result = new ViewResult
            {
                ViewName = "NotAccepted",
                StatusCode = StatusCodes.Status400BadRequest,
                ViewData = NotAcceptedViewData(context.HttpContext, "Unreadable"),
            };
        }
    }

    private static ViewResult TooLarge(HttpContext context) => new()
    {
        ViewName = "NotAccepted",
        StatusCode = StatusCodes.Status413PayloadTooLarge,
        ViewData = NotAcceptedViewData(context, "TooLarge"),
    };

    /// <summary>The refusal <paramref name="reason"/>'s heading and explanation, in the page's language.</summary>
    internal static Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary NotAcceptedViewData(HttpContext context, string reason)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<AppointmentText>>();
        var page = new NotAcceptedPage(text[reason + ".Heading"], text[reason + ".Explanation"]);
        return new(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary()) { Model = page };
    }
}

/// <summary>
/// A failed antiforgery check (an expired or tampered form, or a forged cross-site post) answers 400 with
/// a page that says what to do, instead of an empty response. Nothing was stored.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RejectedAntiforgeryPageAttribute : Attribute, IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.Result = new ViewResult
            {
                ViewName = "NotAccepted",
                StatusCode = StatusCodes.Status400BadRequest,
                ViewData = AppointmentBodyLimitAttribute.NotAcceptedViewData(context.HttpContext, "Expired"),
            };
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

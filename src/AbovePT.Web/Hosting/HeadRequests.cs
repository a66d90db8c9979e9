using System.Globalization;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.StaticAssets;

namespace AbovePT.Web.Hosting;

/// <summary>
/// Every MVC action that answers GET answers HEAD too (RFC 9110 asks it of every general-purpose server):
/// link checkers, uptime monitors and proxies ask with HEAD, and <c>[HttpGet]</c> alone refuses them.
/// The action runs as for GET and Kestrel leaves the body off, so status and headers are GET's own.
/// </summary>
internal sealed class HeadWhereGetConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        foreach (var selector in action.Selectors)
        {
            // Endpoint routing matches on the metadata; the constraint follows so the action descriptor agrees.
            for (var i = 0; i < selector.EndpointMetadata.Count; i++)
            {
                if (selector.EndpointMetadata[i] is HttpMethodMetadata metadata && WithHead(metadata.HttpMethods) is { } methods)
                {
                    selector.EndpointMetadata[i] = new HttpMethodMetadata(methods, metadata.AcceptCorsPreflight);
                }
            }

            for (var i = 0; i < selector.ActionConstraints.Count; i++)
            {
                if (selector.ActionConstraints[i] is HttpMethodActionConstraint constraint && WithHead(constraint.HttpMethods) is { } methods)
                {
                    selector.ActionConstraints[i] = new HttpMethodActionConstraint(methods);
                }
            }
        }
    }

    /// <summary>The methods plus HEAD when they allow GET but not HEAD; null when there is nothing to add.</summary>
    private static string[]? WithHead(IEnumerable<string> methods)
    {
        var allowed = methods.ToArray();
        return allowed.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase)
            && !allowed.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase)
            ? [.. allowed, HttpMethods.Head]
            : null;
    }
}

public static class StaticAssetHeadExtensions
{
    /// <summary>
    /// <c>MapStaticAssets</c> answers HEAD with GET's headers except <c>Content-Length</c>, which it only sets
    /// when it sends the file; the length is in the asset's manifest entry, so HEAD gets it too.
    /// </summary>
    public static StaticAssetsEndpointConventionBuilder WithContentLengthOnHead(this StaticAssetsEndpointConventionBuilder assets)
    {
        assets.Add(endpoint =>
        {
            var length = endpoint.Metadata.OfType<StaticAssetDescriptor>().SingleOrDefault()?.ResponseHeaders
                .FirstOrDefault(h => string.Equals(h.Name, "Content-Length", StringComparison.OrdinalIgnoreCase))?.Value;
            if (endpoint.RequestDelegate is not { } send || length is null)
            {
                return;
            }

            var bytes = long.Parse(length, CultureInfo.InvariantCulture);
            endpoint.RequestDelegate = context =>
            {
                if (HttpMethods.IsHead(context.Request.Method))
                {
                    context.Response.OnStarting(() =>
                    {
                        // Only for the file itself: a 304 or 412 describes no content.
                        if (context.Response.StatusCode == StatusCodes.Status200OK)
                        {
                            context.Response.ContentLength = bytes;
                        }

                        return Task.CompletedTask;
                    });
                }

                return send(context);
            };
        });
        return assets;
    }
}

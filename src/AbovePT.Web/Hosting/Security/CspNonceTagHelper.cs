using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace AbovePT.Web.Hosting.Security;

/// <summary>
/// <c>&lt;script csp-nonce&gt;</c> or <c>&lt;style csp-nonce&gt;</c>: adds this response's nonce so the
/// browser runs that one inline block. Prefer a file under <c>wwwroot/</c>; this is for the rare exception,
/// and never on an output-cached page: a replayed body keeps the old nonce while the header gets a new one.
/// </summary>
[HtmlTargetElement("script", Attributes = AttributeName)]
[HtmlTargetElement("style", Attributes = AttributeName)]
public sealed class CspNonceTagHelper : TagHelper
{
    private const string AttributeName = "csp-nonce";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll(AttributeName);
        output.Attributes.SetAttribute("nonce", ViewContext.HttpContext.GetCspNonce());
    }
}

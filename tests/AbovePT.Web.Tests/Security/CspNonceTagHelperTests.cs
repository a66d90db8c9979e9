using AbovePT.Web.Hosting.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace AbovePT.Web.Tests.Security;

public sealed class CspNonceTagHelperTests
{
    [Fact]
    public void Process_InlineScript_GetsThePolicysNonce()
    {
        var httpContext = new DefaultHttpContext();
        var helper = new CspNonceTagHelper { ViewContext = new ViewContext { HttpContext = httpContext } };
        var output = new TagHelperOutput("script", new TagHelperAttributeList { { "csp-nonce", "" } },
            (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));

        helper.Process(new TagHelperContext([], new Dictionary<object, object>(), "id"), output);

        var nonce = output.Attributes["nonce"].Value.ToString()!;
        Assert.False(output.Attributes.ContainsName("csp-nonce"));
        Assert.Contains($"script-src 'self' 'nonce-{nonce}'", ContentSecurityPolicy.For(httpContext.GetCspNonce()));
        Assert.True(Convert.FromBase64String(nonce).Length >= 16);
    }

    [Fact]
    public void GetCspNonce_ForManyRequests_IsNeverTheSameTwice()
    {
        // Several times the nonces drawn at once, so refills are crossed too.
        var nonces = Enumerable.Range(0, 1000).Select(_ => new DefaultHttpContext().GetCspNonce()).ToList();

        Assert.Equal(nonces.Count, nonces.Distinct(StringComparer.Ordinal).Count());
        Assert.All(nonces, nonce => Assert.Equal(16, Convert.FromBase64String(nonce).Length));
    }
}

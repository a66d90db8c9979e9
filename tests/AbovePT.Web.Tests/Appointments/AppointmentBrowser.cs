using AbovePT.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AbovePT.Web.Tests.Appointments;

/// <summary>Opens the form and posts it the way a browser does: every hidden field (antiforgery token included) read from the page.</summary>
public sealed class AppointmentBrowser(HttpClient client)
{
    public HttpClient Client => client;

    public async Task<FilledForm> OpenAsync(string path = "/appointments/request")
    {
        var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        var document = await Html.ParseAsync(response);
        return FilledForm.From(document);
    }

    public Task<HttpResponseMessage> PostAsync(FilledForm form) =>
        client.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));

    /// <summary>Opens the form, fills in a valid request for <paramref name="location"/>, posts it.</summary>
    public async Task<HttpResponseMessage> RequestAsync(string location, Action<FilledForm>? change = null)
    {
        var form = (await OpenAsync()).FillValid(location);
        change?.Invoke(form);
        return await PostAsync(form);
    }

    public async Task<IDocument> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, redirect.StatusCode);
        var response = await client.GetAsync(redirect.Headers.Location);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }
}

public sealed class FilledForm
{
    private FilledForm(string action, IDocument document)
    {
        Action = action;
        Document = document;
    }

    public string Action { get; }

    /// <summary>The page the form came from.</summary>
    public IDocument Document { get; }

    public List<KeyValuePair<string, string>> Fields { get; } = [];

    public static FilledForm From(IDocument document)
    {
        var element = document.QuerySelector<IHtmlFormElement>("form.appt-form") ?? throw new InvalidOperationException("No appointment form on the page.");
        var form = new FilledForm(element.GetAttribute("action")!, document);
        foreach (var hidden in element.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            form.Fields.Add(new(hidden.Name!, hidden.Value));
        }

        // A browser posts what the page has selected already (e.g. a preselected location).
        foreach (var input in element.QuerySelectorAll<IHtmlInputElement>("input[type=radio][checked], input[type=checkbox][checked]"))
        {
            form.Fields.Add(new(input.Name!, input.Value));
        }

        return form;
    }

    public string? Value(string name) => Fields.LastOrDefault(f => f.Key == name).Value;

    /// <summary>Replaces every value of <paramref name="name"/>.</summary>
    public FilledForm Set(string name, string value)
    {
        Remove(name);
        Fields.Add(new(name, value));
        return this;
    }

    /// <summary>Adds one more value, as a ticked checkbox of a group does.</summary>
    public FilledForm Add(string name, string value)
    {
        Fields.Add(new(name, value));
        return this;
    }

    public FilledForm Remove(string name)
    {
        Fields.RemoveAll(f => f.Key == name);
        return this;
    }

    public FilledForm FillValid(string location) => Set("Location", location)
        .Set("FirstName", "Jane")
        .Set("LastName", "Doe")
        .Set("Phone", "(480) 555-0134")
        .Set("ContactMethod", "phone")
        .Set("PatientType", "new")
        .Set("Reason", "knee")
        .Set("Referral", "no")
        .Set("Consent", "true");
}

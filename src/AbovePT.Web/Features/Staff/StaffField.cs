namespace AbovePT.Web.Features.Staff;

/// <summary>One labelled input of a staff form (<c>_StaffField.cshtml</c>), with its hint and its error from ModelState.</summary>
public sealed record StaffField(string Name, string Label, string Type, string Autocomplete, string? Value = null, string? Hint = null, string? InputMode = null);

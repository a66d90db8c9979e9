namespace AbovePT.BrowserTests.Infrastructure;

/// <summary>The two screens every page is checked on: a common phone and a small laptop.</summary>
public sealed record Viewport(string Name, int Width, int Height)
{
    public static readonly Viewport Phone = new("phone", 375, 812);
    public static readonly Viewport Desktop = new("desktop", 1280, 800);

    public static IReadOnlyList<Viewport> All { get; } = [Phone, Desktop];

    public static Viewport Named(string name) => All.Single(viewport => viewport.Name == name);

    /// <summary>Each viewport's name, for a theory that runs once per screen: <c>[MemberData(nameof(Viewport.Names), MemberType = typeof(Viewport))]</c>.</summary>
    public static TheoryData<string> Names() => [.. All.Select(viewport => viewport.Name)];

    public override string ToString() => Name;
}

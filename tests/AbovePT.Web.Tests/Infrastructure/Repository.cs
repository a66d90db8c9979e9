namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>The repository the tests were built from (found from the test binaries upwards).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The real <c>content/</c> folder: every test site serves it unless a test says otherwise.</summary>
    public static string Content { get; } = Path.Combine(Root, "content");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AbovePT.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("AbovePT.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Security.Cryptography;

namespace AbovePT.BrowserTests.Infrastructure;

/// <summary>What a journey types for its patient, so it finds its own request and e-mails among the others.</summary>
public static class TestPatients
{
    /// <summary>A last name nobody else uses in the run.</summary>
    public static string UniqueLastName() => "Tester" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz", 8);
}

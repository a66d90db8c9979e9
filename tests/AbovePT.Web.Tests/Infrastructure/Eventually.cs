namespace AbovePT.Web.Tests.Infrastructure;

/// <summary>
/// Waits for something that happens in the background (a file change being picked up, a retry) by polling,
/// up to a generous bound: the test is as fast as the site and fails only if the change never shows.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static async Task AssertAsync(Func<Task<bool>> condition, string whatShouldHappen)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Within {Bound.TotalSeconds} s: {whatShouldHappen}");
            }

            await Task.Delay(100);
        }
    }
}

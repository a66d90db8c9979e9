using AbovePT.Web.Features.Inbox;

namespace AbovePT.Web.Tests.Inbox;

public sealed class SearchKeysTests
{
    [Theory]
    [InlineData("Núñez", "nunez")]
    [InlineData("NÚÑEZ", "nunez")]
    [InlineData("O'Brien-Smith", "obriensmith")]
    [InlineData("de la Cruz", "delacruz")]
    [InlineData("Nguyễn", "nguyen")]
    [InlineData("Øster", "øster")]
    [InlineData("", "")]
    public void Name_FoldsAccentsCaseAndPunctuation(string name, string expected) =>
        Assert.Equal(expected, SearchKeys.Name(name));

    [Theory]
    [InlineData("José", "Jose")]
    [InlineData("Muñoz", "MUNOZ")]
    [InlineData("Zoë", "zoe")]
    // The same name typed composed (é) and decomposed (e + combining accent).
    [InlineData("Jos\u00e9", "Jose\u0301")]
    public void Name_SameKeyWithOrWithoutAccents(string one, string other) =>
        Assert.Equal(SearchKeys.Name(one), SearchKeys.Name(other));

    [Theory]
    [InlineData("Nunn")]
    [InlineData("Nunes")]
    [InlineData("Ruiz")]
    public void Name_DifferentNames_DifferentKeys(string other) =>
        Assert.NotEqual(SearchKeys.Name("Núñez"), SearchKeys.Name(other));

    [Theory]
    [InlineData("480.555.0142")]
    [InlineData("(480) 555-0142")]
    [InlineData("+1 480 555 0142")]
    [InlineData("480-555-0142")]
    [InlineData("4805550142")]
    [InlineData("1 (480) 555-0142")]
    public void Phone_EveryUsFormat_GivesTheKeyOfTheStoredNumber(string typed)
    {
        Assert.Equal("4805550142", SearchKeys.Phone("+14805550142"));
        Assert.Equal(SearchKeys.Phone("+14805550142"), SearchKeys.Phone(typed));
    }

    [Theory]
    [InlineData("480 555 0143")]
    [InlineData("602 555 0142")]
    [InlineData("+44 20 7946 0958")]
    public void Phone_AnotherNumber_AnotherKey(string other) =>
        Assert.NotEqual(SearchKeys.Phone("+14805550142"), SearchKeys.Phone(other));

    [Fact]
    public void Phone_OutsideTheUs_KeepsItsCountryCode() =>
        Assert.Equal("442079460958", SearchKeys.Phone("+44 20 7946 0958"));
}

using System.Globalization;

namespace KoproGo.Core.Tests;

/// <summary>The texts are split into one resource set per feature and a shared one; lookups cross them all.</summary>
public class TextsTests
{
    [Fact]
    public void Sets_DefineEachKeyOnce()
    {
        Assert.Empty(Texts.Duplicates);
        Assert.True(Texts.Keys.Count() > 1000);
    }

    [Theory]
    [InlineData("ui.nav.home", "fr-BE")]              // shared set (Resources)
    [InlineData("ui.booking.book", "nl-BE")]         // a feature's set (Features/Bookings)
    [InlineData("error.call_status", "en-BE")]        // a feature's set (Features/Calls)
    public void Get_FindsTheKey_InItsSetAndLanguage(string key, string culture)
    {
        var text = Texts.Find(key, CultureInfo.GetCultureInfo(culture));
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.NotEqual(key, text);
    }

    [Fact]
    public void Get_ReadsEachLanguageFromItsOwnFile()
    {
        var fr = Texts.Find("error.call_status", CultureInfo.GetCultureInfo("fr-BE"));
        var nl = Texts.Find("error.call_status", CultureInfo.GetCultureInfo("nl-BE"));
        var en = Texts.Find("error.call_status", CultureInfo.GetCultureInfo("en-BE"));
        Assert.Equal(3, new[] { fr, nl, en }.Distinct().Count());
    }

    [Fact]
    public void Get_UnknownKey_ReturnsTheKey() => Assert.Equal("no.such.key", Texts.Get("no.such.key", "fr-BE"));
}

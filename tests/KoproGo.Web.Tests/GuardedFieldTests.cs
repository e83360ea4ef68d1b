using KoproGo.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Web.Tests;

/// <summary>
/// A date or a chosen item the user can no longer see never goes out: MudBlazor keeps the previous value behind
/// unreadable or unmatched text, and the guard refuses the page's commands until the field is right again.
/// </summary>
public class GuardedFieldTests : KoproTestContext
{
    private InputGuard Guard => Services.GetRequiredService<InputGuard>();
    private readonly List<DateTime?> _dates = [];
    private readonly List<string?> _choices = [];

    private static void FrenchCircuit() =>
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("fr-BE");

    private IRenderedComponent<DateField> Date(bool required)
    {
        FrenchCircuit();
        return Render<DateField>(p => p.Add(c => c.Date, new DateTime(2026, 12, 1)).Add(c => c.Required, required).Add(c => c.Label, "Date")
            .AddUnmatched("id", "booking-date").Add(c => c.DateChanged, d => _dates.Add(d)));
    }

    [Theory]
    [InlineData("32/13/20x6")]
    [InlineData("demain")]
    public void UnreadableDate_BlocksCommands_AndTheEarlierDateIsNotSent(string text)
    {
        var field = Date(required: true);
        field.Find("input").Change(text);
        Assert.True(Guard.Blocks);
        Assert.DoesNotContain(_dates, d => d is not null && d != new DateTime(2026, 12, 1));
        field.Find("input").Change("15/12/2026");
        Assert.False(Guard.Blocks);
        Assert.Equal(new DateTime(2026, 12, 15), _dates[^1]);
    }

    [Fact]
    public void EmptyRequiredDate_Blocks_AnOptionalOneDoesNot()
    {
        var required = Date(required: true);
        required.Find("input").Change("");
        Assert.True(Guard.Blocks);
        required.Instance.Dispose();
        var optional = Date(required: false);
        optional.Find("input").Change("");
        Assert.False(Guard.Blocks);
    }

    private IRenderedComponent<ChoiceField<string>> Choice(string? value)
    {
        FrenchCircuit();
        string[] accounts = ["6100 Entretien", "6110 Ascenseur", "4400 Fournisseurs"];
        return Render<ChoiceField<string>>(p => p.Add(c => c.Value, value).Add(c => c.Label, "Compte")
            .Add(c => c.SearchFunc, (text, _) => Task.FromResult(accounts.Where(a => string.IsNullOrEmpty(text) || a.Contains(text, StringComparison.OrdinalIgnoreCase))))
            .Add(c => c.ToStringFunc, a => a).Add(c => c.ValueChanged, v => _choices.Add(v)));
    }

    [Fact]
    public void TextTypedOverAChoice_RefusesTheCommand_ThenShowsTheChoiceItWouldHaveSent()
    {
        var field = Choice("6100 Entretien");
        Assert.False(Guard.Blocks);
        field.Find("input").Input("7000 something else");
        field.WaitForAssertion(() => Assert.Equal("7000 something else", MudBlazor.Extensions.ComponentBaseWithStateExtensions.GetState(
            field.FindComponent<MudBlazor.MudAutocomplete<string>>().Instance, x => x.Text)));
        Assert.True(Guard.Blocks);                                    // the page still holds 6100 behind this text: refused
        field.WaitForAssertion(() => Assert.Contains("ne correspondait à aucun choix", field.Markup, StringComparison.Ordinal));
        Assert.Equal("6100 Entretien", field.Find("input").GetAttribute("value"));   // no longer hidden
        Assert.False(Guard.Blocks);
        Assert.Empty(_choices);
    }

    [Fact]
    public void EmptiedChoice_IsReset_NothingHidden()
    {
        var field = Choice("6100 Entretien");
        field.Find("input").Input("");
        field.WaitForAssertion(() => Assert.Equal([null], _choices));
        Assert.False(Guard.Blocks);
    }
}

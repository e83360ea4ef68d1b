using MudBlazor;

namespace KoproGo.Web.Tests;

/// <summary>MudBlazor's own messages follow the user's language (they were English in the French UI).</summary>
public class MudTextsTests : KoproTestContext
{
    [Fact]
    public void NumberField_UnreadableValue_SaysSoInFrench()
    {
        var field = Render<MudTextField<int>>();
        field.Find("input").Change("douze");
        field.WaitForAssertion(() => Assert.Contains("Ce n'est pas un nombre valable.", field.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Not a valid number", field.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void DateField_UnreadableValue_SaysSoInDutch()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("nl-BE");
        var field = Render<MudTextField<DateTime?>>();
        field.Find("input").Change("32/13/20x6");
        field.WaitForAssertion(() => Assert.Contains("Dit is geen geldige datum.", field.Markup, StringComparison.Ordinal));
    }
}

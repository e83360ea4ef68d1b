using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Web.Features.Accounting;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NSubstitute;

namespace KoproGo.Web.Tests;

/// <summary>A detail dialog says what it shows from the first frame: while it loads, and for a draft without a reference.</summary>
public class DetailDialogTitleTests : KoproTestContext
{
    private readonly IAccountingService _accounting = Substitute.For<IAccountingService>();

    public DetailDialogTitleTests()
    {
        Services.AddSingleton(_accounting);
        Render<MudPopoverProvider>();
    }

    private static EntryRow Entry(string reference) =>
        new(Guid.NewGuid(), reference, new DateOnly(2026, 11, 4), Journal.OD, EntryKind.Manual, "Régularisation", null, 120m, false, null);

    [Theory]
    [InlineData("2026-OD-000007", "Écriture 2026-OD-000007")]
    [InlineData("", "Écriture en brouillon du 4/11/2026")]
    public async Task EntryDialog_TitledWhileLoading_AndOnceLoaded(string reference, string title)
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("fr-BE");
        var row = Entry(reference);
        var pending = new TaskCompletionSource<Result<EntryDetail>>();
        _accounting.EntryAsync(Syndic, row.Id, Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(pending.Task);
        var provider = Render<MudDialogProvider>();
        var l = Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<KoproGo.Core.Texts>>();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<EntryDetailDialog>(EntryDetailDialog.EntryTitle(l, row),
            new DialogParameters<EntryDetailDialog> { { d => d.EntryId, row.Id } }));
        provider.WaitForAssertion(() => Assert.Equal(title, provider.Find(".mud-dialog-title").TextContent.Trim()));
        pending.SetResult(new EntryDetail(row, [], null, null));
        provider.WaitForAssertion(() => Assert.Equal(title, provider.Find(".mud-dialog-title").TextContent.Trim()));
    }
}

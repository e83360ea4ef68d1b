using System.Text.RegularExpressions;
using KoproGo.Core;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Web.Features.Audit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NSubstitute;

namespace KoproGo.Web.Tests;

/// <summary>The audit log reads as sentences in the page's language, with Brussels time and links to the objects.</summary>
public class AuditLogTests : KoproTestContext
{
    private readonly IAuditService _audit = Substitute.For<IAuditService>();

    public AuditLogTests() => Services.AddSingleton(_audit);

    [Fact]
    public void Render_ShowsLocalisedActionsObjectsBrusselsTimeLinksAndReadableDetails()
    {
        var building = Guid.NewGuid();
        var poll = Guid.NewGuid();
        var summer = new DateTimeOffset(2026, 7, 1, 10, 5, 0, TimeSpan.Zero); // 12:05 in Brussels (CEST)
        _audit.PageAsync(Syndic, OrganisationId, Arg.Any<PageRequest>(), Arg.Any<CancellationToken>()).Returns(Result.Ok(new Page<AuditRow>(
        [
            new AuditRow(3, summer, "Sophie", "poll.closed", "Poll", poll.ToString(), building, "Peinture du hall", "10.0.0.1"),
            new AuditRow(2, summer, "Sophie", "invoice.approved", "SupplierInvoice", Guid.NewGuid().ToString(), building, "F-12 121.00", null),
            new AuditRow(1, summer, "Marie", "gdpr.rectified", "User", "u-marie", null,
                """{"phone":{"old":"0470 11 22 33","new":null},"displayName":{"old":"Marie","new":"Marie Dubois"}}""", null),
            new AuditRow(0, summer, "Marie", "2fa.disable_refused", "User", "u-marie", null, "wrong_password", null),
        ], 4)));
        Render<MudPopoverProvider>();
        var page = Render<AuditLog>();
        page.WaitForAssertion(() => Assert.Contains("Sondage clôturé", page.Markup, StringComparison.Ordinal));
        var text = page.Find("#audit-grid").TextContent;
        Assert.Contains("Facture approuvée", text, StringComparison.Ordinal);
        Assert.Contains("Facture fournisseur", text, StringComparison.Ordinal);
        Assert.Contains("Désactivation 2FA : mot de passe refusé", text, StringComparison.Ordinal);
        Assert.Contains("mot de passe erroné", text, StringComparison.Ordinal);
        Assert.Contains("Téléphone : 0470 11 22 33 → —", text, StringComparison.Ordinal);
        Assert.Contains("Nom : Marie → Marie Dubois", text, StringComparison.Ordinal);
        Assert.Contains("12:05", text, StringComparison.Ordinal);
        Assert.DoesNotContain("poll.closed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SupplierInvoice", text, StringComparison.Ordinal);
        var links = page.FindAll("a.kg-audit-object").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/polls/{poll}", links);
        Assert.Contains($"/buildings/{building}/accounting", links);
    }

    [Theory]
    [InlineData("Building", true, "/buildings/{id}")]
    [InlineData("Unit", true, "/units/{id}/ownership")]
    [InlineData("Notice", true, "/notices/{id}")]
    [InlineData("NoticeComment", true, "/notices")]
    [InlineData("Booking", true, "/bookings")]
    [InlineData("Owner", false, "/owners")]
    [InlineData("Loan", true, "/library")]
    [InlineData("Account", false, "/accounting/chart")]
    [InlineData("CallForFunds", true, "/buildings/{building}/accounting")]
    [InlineData("CallForFunds", false, null)]
    [InlineData("Skill", true, "/buildings/{building}")]
    [InlineData("User", false, null)]
    public void Link_GoesToThePageThatDeclaresTheObject_ElseItsBuilding(string type, bool inBuilding, string? expected)
    {
        // each page says which audited objects it shows ([ShowsAudited]); the audit log keeps no list of pages
        var id = Guid.NewGuid();
        var building = Guid.NewGuid();
        var row = new AuditRow(1, DateTimeOffset.UnixEpoch, "Sophie", "x.y", type, id.ToString(), inBuilding ? building : null, null, null);
        Assert.Equal(expected?.Replace("{id}", id.ToString(), StringComparison.Ordinal).Replace("{building}", building.ToString(), StringComparison.Ordinal),
            KoproGo.Web.Features.Audit.AuditText.Link(row));
    }

    [Fact]
    public void Render_Refused_SaysWhyInsteadOfAnEmptyLog()
    {
        _audit.PageAsync(Syndic, OrganisationId, Arg.Any<PageRequest>(), Arg.Any<CancellationToken>()).Returns(Result<Page<AuditRow>>.Fail(Errors.ForbiddenError));
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        Render<AuditLog>();
        snackbars.WaitForAssertion(() => Assert.Contains("Vous n'avez pas accès à cette action.", snackbars.Markup, StringComparison.Ordinal));
    }

    /// <summary>
    /// Every action code and object type the code writes to the audit log has its text: a new <c>db.Audit(…)</c> call
    /// with a new code fails here until its three translations exist. Codes are the lowercase "area.verb" literals of
    /// the services that are not text keys themselves; object types the second argument of each call.
    /// </summary>
    [Fact]
    public void EveryAuditedActionAndObject_HasItsText()
    {
        var sources = new[] { "KoproGo.Core", "KoproGo.Web" }.SelectMany(p => KoproGo.Tests.SourceTree.Files(p, "*.cs")).Select(File.ReadAllText).ToList();
        var keys = Texts.Keys.ToHashSet(StringComparer.Ordinal);

        var calls = sources.Sum(s => Regex.Matches(s, @"\bdb\.Audit\(").Count);
        var entityArgs = sources.SelectMany(s => Regex.Matches(s,
                @"\bdb\.Audit\(\s*(?:[^,(){}]|\([^()]*\)|\{[^{}]*\})+,\s*\w+,\s*(?:[^,()""]|""[^""]*""|\([^()]*\))+,\s*(?:nameof\((?<t>\w+)\)|""(?<t>\w+)"")"))
            .Select(m => m.Groups["t"].Value).ToList();
        Assert.Equal(calls, entityArgs.Count); // each call's object type was read (none built at run time)

        var actions = sources.SelectMany(s => Regex.Matches(s, @"""(?<c>[a-z0-9_]*[a-z][a-z0-9_]*\.[a-z0-9_]+)""").Select(m => m.Groups["c"].Value))
            // "koprogo.*" are the app's own claim and setting names
            .Where(c => !keys.Contains(c) && !c.StartsWith("audit.", StringComparison.Ordinal) && !c.StartsWith("koprogo.", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(actions.Count > 100, $"only {actions.Count} action codes found");
        var missing = actions.Where(c => !keys.Contains($"audit.action.{c}"))
            .Concat(entityArgs.Distinct().Where(t => !keys.Contains($"audit.entity.{t}")).Select(t => $"entity {t}"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Empty(missing);
    }
}

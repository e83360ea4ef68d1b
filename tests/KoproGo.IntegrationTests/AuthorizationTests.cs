using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.IntegrationTests;

/// <summary>
/// The isolation rule, table-driven: every service method is tried as every role of another organisation and,
/// where it applies, of the other building. Each attempt must fail (not found or forbidden) and change nothing.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class AuthorizationTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Attempt(string Name, Func<World, Actor, Task<Result>> Run);

    private IEnumerable<Attempt> Attempts()
    {
        var buildings = fx.Get<IBuildingService>();
        var owners = fx.Get<IOwnerService>();
        var files = fx.Get<IFileService>();
        var documents = fx.Get<IDocumentService>();
        var orgs = fx.Get<IOrganisationService>();
        var users = fx.Get<IUserAdminService>();
        var audit = fx.Get<IAuditService>();
        var invitations = fx.Get<IInvitationService>();
        yield return new("building.get", async (w, a) => await buildings.GetAsync(a, w.BuildingA, Ct));
        yield return new("building.update", async (w, a) => await buildings.UpdateAsync(a, w.BuildingA, new BuildingInput { Name = "Hacked", Street = "x", PostalCode = "1000", City = "x", Slug = "hacked-" + Guid.NewGuid().ToString("N")[..6] }, Ct));
        yield return new("building.create", async (w, a) => await buildings.CreateAsync(a, w.OrganisationId, new BuildingInput { Name = "Intruder", Street = "x", PostalCode = "1000", City = "x", Slug = "intruder-" + Guid.NewGuid().ToString("N")[..6] }, Ct));
        yield return new("units.page", async (w, a) => await buildings.UnitsAsync(a, w.BuildingA, new PageRequest(), Ct));
        yield return new("unit.create", async (w, a) => await buildings.CreateUnitAsync(a, w.BuildingA, new UnitInput { Number = "Z9", Shares = 1 }, Ct));
        yield return new("unit.update", async (w, a) => await buildings.UpdateUnitAsync(a, w.UnitA1, new UnitInput { Number = "A1", Shares = 5 }, Ct));
        yield return new("unit.delete", async (w, a) => await buildings.DeleteUnitAsync(a, w.UnitA1, Ct));
        yield return new("owners.search", async (w, a) => await owners.SearchAsync(a, w.OrganisationId, new PageRequest(), Ct));
        yield return new("owner.get", async (w, a) => await owners.GetAsync(a, w.OwnerA, Ct));
        yield return new("owner.create", async (w, a) => await owners.CreateAsync(a, w.OrganisationId, new OwnerInput { LastName = "Intruder" }, Ct));
        yield return new("owner.update", async (w, a) => await owners.UpdateAsync(a, w.OwnerA, new OwnerInput { LastName = "Hacked" }, Ct));
        yield return new("ownerships.get", async (w, a) => await owners.UnitOwnershipsAsync(a, w.UnitA1, Ct));
        yield return new("ownerships.save", async (w, a) => await owners.SaveOwnershipsAsync(a, w.UnitA1, new ChangeOwnershipInput { EffectiveDate = new DateOnly(2026, 1, 1), Lines = [new() { OwnerId = w.OwnerB, IsPrimaryContact = true }] }, Ct));
        yield return new("ownerships.transfer", async (w, a) => await owners.TransferAsync(a, w.UnitA1, new ChangeOwnershipInput { EffectiveDate = new DateOnly(2026, 1, 1), Lines = [new() { OwnerId = w.OwnerB, IsPrimaryContact = true }] }, Ct));
        yield return new("documents.list", async (w, a) => await files.BuildingDocumentsAsync(a, w.BuildingA, Ct));
        yield return new("documents.upload", async (w, a) => await files.UploadBuildingDocumentAsync(a, w.BuildingA, new MemoryStream("%PDF-1.4 x"u8.ToArray()), "x.pdf", Ct));
        yield return new("pdf.owner_list", async (w, a) => await documents.OwnerListPdfAsync(a, w.BuildingA, "fr-BE", Ct));
        yield return new("organisation.get", async (w, a) => await orgs.GetAsync(a, w.OrganisationId, Ct));
        yield return new("organisation.update", async (w, a) => await orgs.UpdateAsync(a, w.OrganisationId, new OrganisationInput { Name = "Hacked", ContactEmail = "h@example.be" }, Ct));
        yield return new("organisation.suspend", async (w, a) => await orgs.SetSuspendedAsync(a, w.OrganisationId, true, Ct));
        yield return new("users.list", async (w, a) => await users.UsersAsync(a, w.OrganisationId, new PageRequest(), Ct));
        yield return new("users.grant", async (w, a) => await users.GrantAsync(a, new GrantRoleInput { Email = "x" + Guid.NewGuid().ToString("N")[..6] + "@example.be", DisplayName = "X", OrganisationId = w.OrganisationId, Role = Role.Syndic }, Ct));
        yield return new("audit.page", async (w, a) => await audit.PageAsync(a, w.OrganisationId, new PageRequest(), Ct));
        yield return new("invitation.send", async (w, a) => await invitations.InviteOwnerAsync(a, w.OwnerA, Ct));
    }

    [Fact]
    public async Task EveryMethod_AsEveryRoleOfAnotherOrganisation_IsRefused()
    {
        var victim = await World.CreateAsync(fx, Ct);
        var other = await World.CreateAsync(fx, Ct);
        var intruders = new Dictionary<string, Actor>
        {
            ["syndic"] = other.Syndic,
            ["accountant"] = other.Accountant,
            ["board"] = other.BoardMemberA,
            ["owner"] = other.OwnerActorA,
            ["tenant"] = other.TenantA,
            ["contractor"] = other.Contractor,
        };
        var leaks = new List<string>();
        foreach (var attempt in Attempts())
            foreach (var (role, actor) in intruders)
            {
                var result = await attempt.Run(victim, actor);
                if (result.Succeeded || result.FirstError!.Kind == ErrorKind.Invalid)
                    leaks.Add($"{attempt.Name} as {role}: {(result.Succeeded ? "succeeded" : result.FirstError!.Code)}");
            }
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
        Assert.Equal("A", (await fx.Get<IBuildingService>().GetAsync(victim.Syndic, victim.BuildingA, Ct)).Value.Building.Name);
    }

    [Fact]
    public async Task EveryMethod_AsNonSyndicRolesOfTheOtherBuilding_IsRefused()
    {
        // owner B, and owner A / tenant A / board member A trying building A's writes are covered where they are not staff
        var w = await World.CreateAsync(fx, Ct);
        var leaks = new List<string>();
        var outsiders = new Dictionary<string, Actor> { ["owner of B"] = w.OwnerActorB, ["contractor"] = w.Contractor };
        foreach (var attempt in Attempts().Where(a => a.Name is not ("owner.get")))
            foreach (var (role, actor) in outsiders)
            {
                var result = await attempt.Run(w, actor);
                if (result.Succeeded || result.FirstError!.Kind == ErrorKind.Invalid)
                    leaks.Add($"{attempt.Name} as {role}: {(result.Succeeded ? "succeeded" : result.FirstError!.Code)}");
            }
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    [Fact]
    public async Task ReadOnlyRoles_CannotWrite_ButStaffCanRead()
    {
        var w = await World.CreateAsync(fx, Ct);
        var buildings = fx.Get<IBuildingService>();
        Assert.True((await buildings.UnitsAsync(w.Accountant, w.BuildingA, new PageRequest(), Ct)).Succeeded);
        Assert.True((await buildings.UnitsAsync(w.BoardMemberA, w.BuildingA, new PageRequest(), Ct)).Succeeded);
        Assert.Equal(ErrorKind.NotFound, (await buildings.UnitsAsync(w.BoardMemberA, w.BuildingB, new PageRequest(), Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await buildings.CreateUnitAsync(w.Accountant, w.BuildingA, new UnitInput { Number = "Z", Shares = 1 }, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await buildings.CreateUnitAsync(w.BoardMemberA, w.BuildingA, new UnitInput { Number = "Z", Shares = 1 }, Ct)).FirstError!.Kind);
        // an owner reads their building but not its unit grid, nor the other building
        Assert.True((await buildings.GetAsync(w.OwnerActorA, w.BuildingA, Ct)).Succeeded);
        Assert.Equal(ErrorKind.Forbidden, (await buildings.UnitsAsync(w.OwnerActorA, w.BuildingA, new PageRequest(), Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await buildings.GetAsync(w.OwnerActorA, w.BuildingB, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await buildings.GetAsync(w.TenantA, w.BuildingB, Ct)).FirstError!.Kind);
        var list = await buildings.ListAsync(w.OwnerActorB, Ct);
        Assert.Equal([w.BuildingB], list.Select(b => b.Id).ToArray());
    }
}

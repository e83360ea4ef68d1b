using KoproGo.Core.Common;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Tickets;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>
/// A fresh organisation with two buildings (A and B), an owner in each and an actor per role. Every service call
/// in a test is made as one of these actors.
/// </summary>
public sealed class World
{
    public required Guid OrganisationId { get; init; }
    public required Guid BuildingA { get; init; }
    public required Guid BuildingB { get; init; }
    public required Guid UnitA1 { get; init; }
    public required Guid UnitB1 { get; init; }
    public required Guid OwnerA { get; init; }
    public required Guid OwnerB { get; init; }
    public required Actor Syndic { get; init; }
    public required Actor Accountant { get; init; }
    public required Actor BoardMemberA { get; init; }
    public required Actor OwnerActorA { get; init; }
    public required Actor OwnerActorB { get; init; }
    public required Actor TenantA { get; init; }
    public required Actor Contractor { get; init; }

    public static async Task<World> CreateAsync(DatabaseFixture fx, CancellationToken ct)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var orgs = fx.Get<IOrganisationService>();
        var orgId = (await orgs.CreateAsync(Actor.System, new OrganisationInput { Name = $"Syndic {suffix}", ContactEmail = $"contact-{suffix}@example.be" }, ct)).Value;
        var syndic = await UserAsync(fx, $"syndic-{suffix}@example.be", [new Grant(Role.Syndic, orgId)], ct);
        var buildings = fx.Get<IBuildingService>();
        async Task<Guid> NewBuildingAsync(string name) => (await buildings.CreateAsync(syndic, orgId, new BuildingInput
        {
            Name = name,
            Street = "Rue Haute 1",
            PostalCode = "1000",
            City = "Bruxelles",
            TotalShares = 1000,
            Slug = $"{name.ToLowerInvariant()}-{suffix}",
            // each building its own bank account, as in life (a bank statement names the one building it belongs to)
            WorkingFundIban = BelgianIdentifierFactory.Iban(Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)),
            ReserveFundIban = BelgianIdentifierFactory.Iban(Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)),
        }, ct)).Value;
        var a = await NewBuildingAsync("A");
        var b = await NewBuildingAsync("B");
        var unitA = (await buildings.CreateUnitAsync(syndic, a, new UnitInput { Number = "A1", Shares = 100 }, ct)).Value;
        var unitB = (await buildings.CreateUnitAsync(syndic, b, new UnitInput { Number = "B1", Shares = 100 }, ct)).Value;
        var owners = fx.Get<IOwnerService>();
        var ownerA = (await owners.CreateAsync(syndic, orgId, new OwnerInput { LastName = "Alpha", FirstName = "Anne", Email = $"anne-{suffix}@example.be" }, ct)).Value;
        var ownerB = (await owners.CreateAsync(syndic, orgId, new OwnerInput { LastName = "Beta", FirstName = "Bert", Email = $"bert-{suffix}@example.be", PreferredLanguage = "nl-BE" }, ct)).Value;
        var start = new DateOnly(2020, 1, 1);
        Assert.True((await owners.SaveOwnershipsAsync(syndic, unitA, new ChangeOwnershipInput { EffectiveDate = start, Lines = [new() { OwnerId = ownerA, IsPrimaryContact = true }] }, ct)).Succeeded);
        Assert.True((await owners.SaveOwnershipsAsync(syndic, unitB, new ChangeOwnershipInput { EffectiveDate = start, Lines = [new() { OwnerId = ownerB, IsPrimaryContact = true }] }, ct)).Succeeded);

        return new World
        {
            OrganisationId = orgId,
            BuildingA = a,
            BuildingB = b,
            UnitA1 = unitA,
            UnitB1 = unitB,
            OwnerA = ownerA,
            OwnerB = ownerB,
            Syndic = syndic,
            Accountant = await UserAsync(fx, $"acc-{suffix}@example.be", [new Grant(Role.Accountant, orgId)], ct),
            BoardMemberA = await UserAsync(fx, $"board-{suffix}@example.be", [new Grant(Role.BoardMember, orgId, a)], ct),
            OwnerActorA = await UserAsync(fx, $"owner-a-{suffix}@example.be", [new Grant(Role.Owner, orgId, OwnerId: ownerA)], ct),
            OwnerActorB = await UserAsync(fx, $"owner-b-{suffix}@example.be", [new Grant(Role.Owner, orgId, OwnerId: ownerB)], ct),
            TenantA = await UserAsync(fx, $"tenant-{suffix}@example.be", [new Grant(Role.Tenant, orgId, a)], ct),
            Contractor = await UserAsync(fx, $"contractor-{suffix}@example.be", [new Grant(Role.Contractor, orgId)], ct),
        };
    }

    /// <summary>
    /// A job done in building A: a co-owner's ticket, given to the organisation's contractor, whose work report
    /// (<paramref name="materials"/> of materials) the syndic approved — what an invoice on a works account needs. The report's id.
    /// </summary>
    public async Task<Guid> ApprovedWorkReportAsync(DatabaseFixture fx, string title, decimal materials, CancellationToken ct, bool approve = true)
    {
        var tickets = fx.Get<ITicketService>();
        var reports = fx.Get<IWorkReportService>();
        var ticket = (await tickets.ReportAsync(OwnerActorA, BuildingA, new TicketInput { Category = TicketCategory.Other, Title = title, Description = title }, ct)).Value;
        Assert.True((await tickets.AssignAsync(Syndic, ticket, Contractor.UserId!, ct)).Succeeded);
        var start = fx.Clock.GetUtcNow().AddHours(-3);
        Assert.True((await reports.SaveAsync(Contractor, ticket, new WorkReportInput
        {
            WorkDone = title,
            StartedAt = start,
            EndedAt = start.AddHours(2),
            Hours = 2m,
            Materials = [new MaterialInput { Name = "Fournitures", Quantity = 1m, UnitPrice = materials }],
        }, ct)).Succeeded);
        Assert.True((await reports.SubmitAsync(Contractor, ticket, ct)).Succeeded);
        if (approve)
            Assert.True((await reports.ApproveAsync(Syndic, ticket, ct)).Succeeded);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(ct);
        return await db.WorkReports.Where(r => r.TicketId == ticket).Select(r => r.Id).SingleAsync(ct);
    }

    /// <summary>
    /// Lot A9 (900 shares) of building A held by owner B, so that building A's lots add up to its 1,000 shares and two
    /// owners live there (the calls, polls, bookings and library tests start from it).
    /// </summary>
    public async Task<Guid> GiveOwnerBLotA9Async(DatabaseFixture fx, CancellationToken ct)
    {
        var a9 = (await fx.Get<IBuildingService>().CreateUnitAsync(Syndic, BuildingA, new UnitInput { Number = "A9", Shares = 900 }, ct)).Value;
        Assert.True((await fx.Get<IOwnerService>().SaveOwnershipsAsync(Syndic, a9, new ChangeOwnershipInput { EffectiveDate = new DateOnly(2020, 1, 1), Lines = [new() { OwnerId = OwnerB, IsPrimaryContact = true }] }, ct)).Succeeded);
        return a9;
    }

    /// <summary>The password of every user made by <see cref="UserAsync"/> (for the actions that ask for it again).</summary>
    public const string Password = "Correct-horse-9";
    private static string? _passwordHash;

    /// <summary>A real user row with memberships and <see cref="Password"/>, so notifications and audit rows have someone to point at.</summary>
    public static async Task<Actor> UserAsync(DatabaseFixture fx, string email, IReadOnlyList<Grant> grants, CancellationToken ct)
    {
        var users = fx.Get<UserManager<AppUser>>();
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(ct);
        var user = users.NewUser(email, email.Split('@')[0], "fr-BE", fx.Clock.GetUtcNow(), emailConfirmed: true);
        // one hash for every test user: the salt is in the hash, so it verifies for any account (and hashing is slow on purpose)
        user.PasswordHash = _passwordHash ??= users.PasswordHasher.HashPassword(user, Password);
        db.Users.Add(user);
        foreach (var g in grants)
            db.Memberships.Add(Membership.Create(user.Id, g.OrganisationId, g.Role, fx.Clock.GetUtcNow(), g.BuildingId, g.OwnerId));
        await db.SaveChangesAsync(ct);
        return (await fx.Get<IActorFactory>().ForUserAsync(user.Id, "127.0.0.1", "tests", ct))!;
    }
}

namespace KoproGo.Core.Features.Accounting;

/// <summary>The organisation's chart of accounts: the standard accounts (PCMN) and the ones the syndic adds.</summary>
public interface IChartService
{
    Task<Result<IReadOnlyList<AccountRow>>> ChartAsync(Actor actor, Guid organisationId, string culture, CancellationToken ct);
    Task<Result<Guid>> AddAccountAsync(Actor actor, Guid organisationId, AccountInput input, CancellationToken ct);
    Task<Result> DeleteAccountAsync(Actor actor, Guid accountId, CancellationToken ct);
    /// <summary>Marks a charge account as works and major repairs (bare owner's charge, not an ordinary charge) or not.</summary>
    Task<Result> SetWorksAsync(Actor actor, Guid accountId, bool isWorks, CancellationToken ct);
}

public sealed class ChartService(IKoproGoDbFactory dbFactory, TimeProvider clock) : IChartService
{
    public async Task<Result<IReadOnlyList<AccountRow>>> ChartAsync(Actor actor, Guid organisationId, string culture, CancellationToken ct)
    {
        if (!actor.CanKeepBooks(organisationId) && !actor.IsStaffOf(organisationId))
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.OrganisationId == organisationId)
            .Select(a => new { Account = a, Used = db.Set<JournalLine>().Any(l => l.AccountId == a.Id) })
            .ToListAsync(ct);
        return accounts.OrderBy(a => a.Account.Code, StringComparer.Ordinal)
            .Select(a => new AccountRow(a.Account.Id, a.Account.Code, a.Account.DisplayLabel(culture), a.Account.IsStandard, a.Used) { IsWorks = a.Account.IsWorks }).ToList();
    }

    public async Task<Result<Guid>> AddAccountAsync(Actor actor, Guid organisationId, AccountInput input, CancellationToken ct)
    {
        if (!actor.CanKeepBooks(organisationId))
            return Errors.ForbiddenError;
        var validation = input.Validate();
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);
        var code = input.Code!.Trim();
        await using var db = await dbFactory.CreateAsync(ct);
        var existing = await db.Accounts.Where(a => a.OrganisationId == organisationId).Select(a => new { a.Code, a.IsWorks }).ToListAsync(ct);
        var codes = existing.Select(a => a.Code).ToList();
        if (codes.Contains(code))
            return new Error("error.account_exists", [code], nameof(AccountInput.Code));
        // a sub-account extends an existing account of its class (6105 under 610, 4102 under 410…); off-balance class 0 stands alone
        if (code[0] != '0' && !codes.Any(c => code.StartsWith(c, StringComparison.Ordinal) || c.StartsWith(code[..3], StringComparison.Ordinal)))
            return new Error("error.account_parent", [code], nameof(AccountInput.Code));
        var parent = existing.Where(a => code.StartsWith(a.Code, StringComparison.Ordinal)).MaxBy(a => a.Code.Length);
        var account = Account.Custom(organisationId, code, input.Label!, parent?.IsWorks ?? false);
        db.Accounts.Add(account);
        db.Audit(actor, clock, "account.created", nameof(Account), account.Id, organisationId, details: $"{code} {account.Label}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Error("error.account_exists", [code], nameof(AccountInput.Code));
        }
        return account.Id;
    }

    public async Task<Result> SetWorksAsync(Actor actor, Guid accountId, bool isWorks, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || !actor.IsStaffOf(account.OrganisationId))
            return Errors.NotFoundError;
        if (!actor.CanKeepBooks(account.OrganisationId))
            return Errors.ForbiddenError;
        if (account.Class != 6)
            return new Error("error.account_works_class");
        account.MarkWorks(isWorks);
        db.Audit(actor, clock, "account.works", nameof(Account), account.Id, account.OrganisationId, details: $"{account.Code} {isWorks}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> DeleteAccountAsync(Actor actor, Guid accountId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || !actor.IsStaffOf(account.OrganisationId) && !actor.CanKeepBooks(account.OrganisationId))
            return Errors.NotFoundError;
        if (!actor.CanKeepBooks(account.OrganisationId))
            return Errors.ForbiddenError;
        if (account.IsStandard)
            return new Error("error.account_standard", [account.Code]);
        if (await db.JournalLines.AnyAsync(l => l.AccountId == accountId, ct))
            return new Error("error.account_used", [account.Code]);
        db.Accounts.Remove(account);
        db.Audit(actor, clock, "account.deleted", nameof(Account), account.Id, account.OrganisationId, details: account.Code);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

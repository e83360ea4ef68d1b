using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.Privacy;

public sealed record ConsentRow(LegalDocument Document, string Version, DateTimeOffset AcceptedAt);

/// <summary>What the "My data" page shows: the current values, the two toggles and the accepted texts.</summary>
/// <param name="PendingEmail">A new address waiting for its confirmation link to be followed.</param>
public sealed record PrivacyStatus(string DisplayName, string Email, string? Phone, string? PostalAddress,
    DateTimeOffset? RestrictedAt, DateTimeOffset? MarketingObjectedAt, IReadOnlyList<ConsentRow> Consents, int LinkedOwnerRecords, string? PendingEmail = null);

public sealed class RectificationInput
{
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? PostalAddress { get; set; }
    /// <summary>Asked only when the email changes: the email is the sign-in name (the change then waits for the link sent to the new address).</summary>
    public string? CurrentPassword { get; set; }

    public Validation Validate() => new Validation()
        .Required(DisplayName, nameof(DisplayName), AppUser.DisplayNameMax)
        .Email(Email, nameof(Email), required: true)
        .Optional(Phone, nameof(Phone), AppUser.PhoneMax)
        .Optional(PostalAddress, nameof(PostalAddress), AppUser.PostalAddressMax)
        .Optional(CurrentPassword, nameof(CurrentPassword), TextLengths.Password);
}

public sealed record PersonalDataExport(string FileName, byte[] Json);

public sealed record ErasureCheck(IReadOnlyList<ErasureBlocker> Blockers)
{
    public bool Allowed => Blockers.Count == 0;
}

public interface IPrivacyService
{
    Task<Result<PrivacyStatus>> StatusAsync(Actor actor, CancellationToken ct);
    /// <summary>Art. 15/20: everything about the user as JSON; 10 per hour, then an error saying how long to wait.</summary>
    Task<Result<PersonalDataExport>> ExportAsync(Actor actor, CancellationToken ct);
    /// <summary>Art. 16: the account and the linked owner records' contact details; old and new values are audited.</summary>
    Task<Result> RectifyAsync(Actor actor, RectificationInput input, CancellationToken ct);
    Task<Result<ErasureCheck>> CheckErasureAsync(Actor actor, CancellationToken ct);
    /// <summary>Art. 17: anonymises the person everywhere; the account can no longer sign in.</summary>
    Task<Result> EraseAsync(Actor actor, string password, CancellationToken ct);
    /// <summary>Art. 18: the user for themselves, or a SuperAdmin for anyone (typically to lift it).</summary>
    Task<Result> SetRestrictionAsync(Actor actor, string userId, bool restricted, CancellationToken ct);
    /// <summary>Art. 21: objection to marketing, or its withdrawal.</summary>
    Task<Result> SetMarketingObjectionAsync(Actor actor, bool objects, CancellationToken ct);
    /// <summary>True when the user has not accepted the versions in force of the privacy policy and the terms.</summary>
    Task<bool> ConsentDueAsync(Actor actor, CancellationToken ct);
    Task<Result> AcceptLegalTextsAsync(Actor actor, CancellationToken ct);
}

public sealed class PrivacyService(
    IKoproGoDbFactory dbFactory,
    IEnumerable<IPersonalDataContributor> contributors,
    IPasswordHasher<AppUser> passwords,
    IEmailChangeService emailChanges,
    INotificationService notifications,
    TimeProvider clock) : IPrivacyService
{
    public const int ExportsPerHour = 10;
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // a file for people: "Liège", not "Li\u00E8ge"
    };

    public async Task<Result<PrivacyStatus>> StatusAsync(Actor actor, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == actor.UserId && u.ErasedAt == null, ct);
        if (user is null)
            return Errors.NotFoundError;
        var consents = await db.ConsentRecords.AsNoTracking().Where(c => c.UserId == user.Id).OrderByDescending(c => c.AcceptedAt)
            .Select(c => new ConsentRow(c.Document, c.Version, c.AcceptedAt)).ToListAsync(ct);
        var owners = await db.Owners.CountAsync(o => o.UserId == user.Id, ct);
        return new PrivacyStatus(user.DisplayName, user.Email ?? "", user.PhoneNumber, user.PostalAddress,
            user.ProcessingRestrictedAt, user.MarketingObjectedAt, consents, owners, await emailChanges.PendingAsync(actor, ct));
    }

    public async Task<Result<PersonalDataExport>> ExportAsync(Actor actor, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockUserAsync(actor.UserId, ct);      // parallel clicks queue here, so the quota holds
        var subject = await SubjectAsync(db, actor.UserId, ct);
        if (subject is null)
            return Errors.NotFoundError;
        var now = clock.GetUtcNow();
        var recent = await db.AuditEntries.Where(a => a.UserId == actor.UserId && a.Action == "gdpr.exported" && a.At > now.AddHours(-1))
            .Select(a => a.At).OrderBy(a => a).ToListAsync(ct);
        if (recent.Count >= ExportsPerHour)
        {
            var wait = (int)Math.Ceiling((recent[^ExportsPerHour].AddHours(1) - now).TotalMinutes);
            db.Audit(actor, clock, "gdpr.export_refused", "User", actor.UserId, details: $"limit {ExportsPerHour}/h");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Error.Of("gdpr.export_limited", ExportsPerHour, Math.Max(1, wait));
        }

        var document = new Dictionary<string, object?>
        {
            ["generatedAt"] = now,
            ["subject"] = subject.UserId,
            ["note"] = "KoproGo — GDPR Art. 15/20",
        };
        foreach (var contributor in contributors)
            document[contributor.Section] = await contributor.ExportAsync(db, subject, ct);
        var json = JsonSerializer.SerializeToUtf8Bytes(document, Json);
        db.Audit(actor, clock, "gdpr.exported", "User", actor.UserId, details: $"{json.Length} bytes");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PersonalDataExport($"koprogo-my-data-{BusinessTime.Today(clock):yyyy-MM-dd}.json", json);
    }

    public async Task<Result> RectifyAsync(Actor actor, RectificationInput input, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        var validation = input.Validate();
        if (!validation.IsValid)
            return validation.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId && u.ErasedAt == null, ct);
        if (user is null)
            return Errors.NotFoundError;

        var email = input.Email!.Trim().ToLowerInvariant();
        var emailChanging = !string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase);
        if (emailChanging)
        {
            var password = await db.CheckPasswordAsync(passwords, user, input.CurrentPassword, actor, clock, "gdpr.rectify_refused", ct, nameof(RectificationInput.CurrentPassword));
            if (!password.Succeeded)
                return password;
        }

        var changes = new Dictionary<string, object>();
        void Track(string field, string? before, string? after)
        {
            if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
                changes[field] = new { old = before, @new = after };
        }
        var displayName = input.DisplayName!.Trim();
        var phone = Text.Clean(input.Phone);
        var address = Text.Clean(input.PostalAddress);
        Track("displayName", user.DisplayName, displayName);
        Track("phone", user.PhoneNumber, phone);
        Track("postalAddress", user.PostalAddress, address);
        if (changes.Count == 0 && !emailChanging)
            return Result.Ok();

        user.DisplayName = displayName;
        user.PhoneNumber = phone;
        user.PostalAddress = address;
        foreach (var owner in await db.Owners.Where(o => o.UserId == user.Id && o.Kind == OwnerKind.Person).ToListAsync(ct))
            owner.Rectify(owner.Email, phone, address);
        if (changes.Count > 0)
            db.Audit(actor, clock, "gdpr.rectified", "User", user.Id, details: JsonSerializer.Serialize(changes, Json));
        // the sign-in name changes only once the new mailbox confirms it (EmailChangeService)
        if (emailChanging)
        {
            var requested = await emailChanges.RequestAsync(db, actor, user, email, ct);
            if (!requested.Succeeded)
                return requested;
        }
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<ErasureCheck>> CheckErasureAsync(Actor actor, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var subject = await SubjectAsync(db, actor.UserId, ct);
        if (subject is null)
            return Errors.NotFoundError;
        return new ErasureCheck(await BlockersAsync(db, subject, ct));
    }

    public async Task<Result> EraseAsync(Actor actor, string passwordText, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockUserAsync(actor.UserId, ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == actor.UserId && u.ErasedAt == null, ct);
        var subject = user is null ? null : await SubjectAsync(db, user.Id, ct);
        if (user is null || subject is null)
            return Errors.NotFoundError;
        var tracked = await db.Users.FirstAsync(u => u.Id == user.Id, ct);
        var password = await db.CheckPasswordAsync(passwords, tracked, password: passwordText, actor, clock, "gdpr.erase_refused", ct);
        if (!password.Succeeded)
        {
            await tx.CommitAsync(ct);
            return password;
        }
        var blockers = await BlockersAsync(db, subject, ct);
        if (blockers.Count > 0)
        {
            db.Audit(actor, clock, "gdpr.erase_refused", "User", user.Id, details: string.Join(", ", blockers.Select(b => b.TextKey).Distinct()));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Error.Of("gdpr.erase_blocked", blockers.Count);
        }

        var now = clock.GetUtcNow();
        var pseudonym = "ANON-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        foreach (var contributor in contributors)
            await contributor.AnonymiseAsync(db, subject, pseudonym, now, ct);
        db.Audit(actor with { Name = pseudonym, Ip = null, UserAgent = null }, clock, "gdpr.erased", "User", user.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> SetRestrictionAsync(Actor actor, string userId, bool restricted, CancellationToken ct)
    {
        if (actor.UserId is null || (actor.UserId != userId && !actor.IsSuperAdmin))
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.ErasedAt == null, ct);
        if (user is null)
            return Errors.NotFoundError;
        if (restricted == user.ProcessingRestrictedAt is not null)
            return Result.Ok();
        user.ProcessingRestrictedAt = restricted ? clock.GetUtcNow() : null;
        db.Audit(actor, clock, restricted ? "gdpr.restricted" : "gdpr.unrestricted", "User", user.Id);
        if (actor.UserId != userId)
            await notifications.NotifyUsersAsync(db, [user.Id], null, NotificationType.System,
                restricted ? "notify.restriction_set" : "notify.restriction_lifted", [actor.Name], "/account/privacy", ct, PersonRef.User(actor.UserId));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> SetMarketingObjectionAsync(Actor actor, bool objects, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId && u.ErasedAt == null, ct);
        if (user is null)
            return Errors.NotFoundError;
        if (objects == user.MarketingObjectedAt is not null)
            return Result.Ok();
        user.MarketingObjectedAt = objects ? clock.GetUtcNow() : null;
        db.Audit(actor, clock, objects ? "gdpr.marketing_opted_out" : "gdpr.marketing_opted_in", "User", user.Id);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<bool> ConsentDueAsync(Actor actor, CancellationToken ct)
    {
        if (actor.UserId is null || actor.IsSystem)
            return false;
        await using var db = await dbFactory.CreateAsync(ct);
        var accepted = await db.ConsentRecords.Where(c => c.UserId == actor.UserId
                && ((c.Document == LegalDocument.PrivacyPolicy && c.Version == LegalDocuments.PrivacyPolicyVersion)
                    || (c.Document == LegalDocument.Terms && c.Version == LegalDocuments.TermsVersion)))
            .Select(c => c.Document).Distinct().CountAsync(ct);
        return accepted < 2;
    }

    public async Task<Result> AcceptLegalTextsAsync(Actor actor, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var document in Enum.GetValues<LegalDocument>())
        {
            var version = LegalDocuments.CurrentVersion(document);
            if (await db.ConsentRecords.AnyAsync(c => c.UserId == actor.UserId && c.Document == document && c.Version == version, ct))
                continue;
            db.ConsentRecords.Add(ConsentRecord.Accept(actor.UserId, document, now, actor.Ip));
            db.Audit(actor, clock, "gdpr.consent_given", "User", actor.UserId, details: $"{document} {version}");
        }
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private async Task<IReadOnlyList<ErasureBlocker>> BlockersAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct)
    {
        var today = BusinessTime.Today(clock);
        var blockers = new List<ErasureBlocker>();
        foreach (var contributor in contributors)
            blockers.AddRange(await contributor.BlockersAsync(db, subject, today, ct));
        return blockers;
    }

    /// <summary>
    /// The person and every string that names them: account name and email, linked owner records, and the earlier
    /// values they rectified (kept in the audit log's old/new values, which the erasure must scrub too).
    /// </summary>
    private async Task<DataSubject?> SubjectAsync(IKoproGoDb db, string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.ErasedAt == null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PhoneNumber, u.PostalAddress }).FirstOrDefaultAsync(ct);
        if (user is null)
            return null;
        var owners = await db.Owners.AsNoTracking().Where(o => o.UserId == userId).ToListAsync(ct);
        var identifiers = new List<string?> { user.DisplayName, user.Email, user.PhoneNumber, user.PostalAddress };
        foreach (var o in owners.Where(o => o.Kind == OwnerKind.Person))
            identifiers.AddRange([o.DisplayName, $"{o.FirstName} {o.LastName}".Trim(), o.Email, o.Phone, o.PostalAddress]);
        var rectifications = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == userId && (a.Action == "gdpr.rectified" || a.Action == "account.email_changed") && a.Details != null)
            .Select(a => a.Details!).ToListAsync(ct);
        foreach (var details in rectifications)
            identifiers.AddRange(RectifiedValues(details));
        // addresses they asked for, confirmed or not
        identifiers.AddRange(await db.Set<EmailChange>().Where(c => c.UserId == userId).Select(c => c.NewEmail).ToListAsync(ct));
        var subject = new DataSubject(user.Id, user.Email ?? "", user.DisplayName, owners.Select(o => o.Id).ToList(),
            identifiers.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i!).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        var references = new List<string> { user.Id };
        references.AddRange(subject.OwnerIds.Select(o => o.ToString()));
        foreach (var contributor in contributors)
            references.AddRange(await contributor.ReferencesAsync(db, subject, ct));
        return subject with { References = references.Distinct().ToList() };
    }

    private static IEnumerable<string?> RectifiedValues(string details)
    {
        try
        {
            using var json = JsonDocument.Parse(details);
            return json.RootElement.EnumerateObject()
                .SelectMany(p => p.Value.EnumerateObject())
                .Where(v => v.Value.ValueKind == JsonValueKind.String)
                .Select(v => v.Value.GetString())
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

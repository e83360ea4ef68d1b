namespace KoproGo.Core.Features.Tickets;

/// <summary>
/// A link that lets a contractor without an account file the work report of one ticket (SPEC §6.3): 72 hours, single
/// use — it dies when the report is sent, when the syndic sends a new one for the ticket, or when it expires. Only the
/// token's hash is stored, so the database never holds a usable link. Opening the page does not use it (mail scanners
/// open links); sending the report does, decided by one conditional UPDATE, so two sends of one link file one report.
/// </summary>
public sealed class WorkReportLink
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);
    public const int NameMax = 120;
    /// <summary>Who the audit log names for a report sent through a link (the contractor's name is in the entry's details).</summary>
    public const string ActorName = "work-report-link";

    private WorkReportLink() { }

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    /// <summary>The contractor (firm or person) as the syndic wrote it; the ticket shows it as its contractor.</summary>
    public string ContractorName { get; private set; } = "";
    public string? Email { get; private set; }
    /// <summary>The language of the mail and of the page the link opens.</summary>
    public string Language { get; private set; } = "fr-BE";
    public string TokenHash { get; private set; } = "";
    public string CreatedByUserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static (WorkReportLink Link, string Token) Issue(Ticket ticket, WorkReportLinkInput input, string userId, DateTimeOffset now)
    {
        var token = SecretToken.New();
        return (new WorkReportLink
        {
            Id = Guid.CreateVersion7(),
            TicketId = ticket.Id,
            OrganisationId = ticket.OrganisationId,
            BuildingId = ticket.BuildingId,
            ContractorName = input.ContractorName!.Trim(),
            Email = Text.Clean(input.Email)?.ToLowerInvariant(),
            Language = input.Language!,
            TokenHash = SecretToken.Hash(token),
            CreatedByUserId = userId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        }, token);
    }

    public bool IsOpen(DateTimeOffset now) => UsedAt is null && RevokedAt is null && now < ExpiresAt;

    public WorkReportLinkState StateAt(DateTimeOffset now) =>
        UsedAt is not null ? WorkReportLinkState.Used : RevokedAt is not null ? WorkReportLinkState.Revoked
        : now >= ExpiresAt ? WorkReportLinkState.Expired : WorkReportLinkState.Open;

    /// <summary>
    /// Kills the ticket's unused link, if any (a new link, the job given to an account, the syndic's choice); how many
    /// died. An expired one too: the unique index of one live link per ticket counts it until it is revoked.
    /// </summary>
    public static Task<int> RevokeLiveAsync(IKoproGoDb db, Guid ticketId, DateTimeOffset now, CancellationToken ct) =>
        db.Set<WorkReportLink>().Where(l => l.TicketId == ticketId && l.UsedAt == null && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), ct);
}

public sealed class WorkReportLinkInput
{
    public string? ContractorName { get; set; }
    /// <summary>Where the link is mailed; none: the syndic passes it on themselves (a text message to the plumber).</summary>
    public string? Email { get; set; }
    /// <summary>The language of the mail and of the page it opens.</summary>
    public string? Language { get; set; } = "fr-BE";

    public Validation Validate() => new Validation()
        .Required(ContractorName, nameof(ContractorName), WorkReportLink.NameMax)
        .Email(Text.Clean(Email), nameof(Email), required: false)
        .Rule(Texts.IsSupported(Language), nameof(Language), Errors.Required);
}

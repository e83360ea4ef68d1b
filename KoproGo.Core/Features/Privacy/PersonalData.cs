using System.Text;

namespace KoproGo.Core.Features.Privacy;

/// <summary>
/// The person a GDPR request is about: their account, the owner records linked to it, the strings that identify them
/// (names, email addresses including earlier ones, phone, address) and <see cref="References"/>: the ids of rows that
/// are about them (their user id, owner ids, invitations, comments…), which is how an erasure finds the free text to
/// scrub. Text is rewritten only inside rows that point to the person, never by searching everyone's rows: a phone
/// number "2026" must not wipe "2026" from another organisation's audit trail.
/// </summary>
public sealed record DataSubject(string UserId, string Email, string DisplayName, IReadOnlyList<Guid> OwnerIds, IReadOnlyList<string> Identifiers)
{
    /// <summary>Ids (as text, the audit log's entity ids) of rows that point to the person; always includes the user and owner ids.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Their identifiers as replaced inside their own rows: 3 characters or more (shorter ones would cut other words), longest first.</summary>
    public IReadOnlyList<string> ValuesToReplace =>
        Identifiers.Where(i => i.Trim().Length >= 3).Select(i => i.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(i => i.Length).ToList();

    /// <summary>A case-insensitive PostgreSQL regular expression of <see cref="ValuesToReplace"/> (literal), null when there are none.</summary>
    public string? ValuesPattern() => ValuesToReplace.Count == 0 ? null : string.Join('|', ValuesToReplace.Select(Escape));

    private static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if ("\\.^$|?*+()[]{}".Contains(c, StringComparison.Ordinal))
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}

/// <summary>Why an erasure cannot happen now, as a text key and its arguments (shown to the user in plain words).</summary>
public sealed record ErasureBlocker(string TextKey, params object?[] Args);

/// <summary>
/// What one feature holds about a person, for the GDPR rights: its section of the export (Art. 15/20), what blocks an
/// erasure, and how its rows are anonymised (Art. 17). A feature that stores personal data (calls for funds, votes,
/// bookings…) adds a contributor and registers it in <see cref="CoreServices"/>; export, check and erasure then cover it.
/// </summary>
public interface IPersonalDataContributor
{
    /// <summary>The section's name in the export file.</summary>
    string Section { get; }

    /// <summary>Only the subject's own rows: never a field about another person.</summary>
    Task<object?> ExportAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct);

    Task<IReadOnlyList<ErasureBlocker>> BlockersAsync(IKoproGoDb db, DataSubject subject, DateOnly today, CancellationToken ct);

    /// <summary>Runs inside the erasure's transaction: direct SQL runs at once, tracked changes are saved at its end.</summary>
    Task AnonymiseAsync(IKoproGoDb db, DataSubject subject, string pseudonym, DateTimeOffset now, CancellationToken ct);

    /// <summary>Ids of this feature's rows that are about the person (their comments, invitations…): the audit entries and
    /// notifications that point to these ids are scrubbed of the person's names at erasure.</summary>
    Task<IReadOnlyList<string>> ReferencesAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);
}

using System.Text;
using KoproGo.Core.Common;

namespace KoproGo.Core.Features.Privacy;

/// <summary>
/// The person a GDPR request is about: their account, the owner records linked to it, and the strings that
/// identify them in free text (names, email addresses, including earlier ones they rectified).
/// </summary>
public sealed record DataSubject(string UserId, string Email, string DisplayName, IReadOnlyList<Guid> OwnerIds, IReadOnlyList<string> Identifiers)
{
    /// <summary>
    /// A case-insensitive PostgreSQL regular expression matching any identifier, for the free-text columns that
    /// mention the person (audit details, notifications sent to others, mails). Null when there is nothing to look for.
    /// </summary>
    public string? IdentifierPattern()
    {
        // short strings ("Li") would also match inside other words: only names of 4 characters or more are replaced
        var parts = Identifiers.Where(i => i.Length >= 4).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(i => i.Length).Select(Escape).ToList();
        return parts.Count == 0 ? null : string.Join('|', parts);
    }

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
}

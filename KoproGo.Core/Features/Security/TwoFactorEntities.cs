namespace KoproGo.Core.Features.Security;

/// <summary>A single-use backup code of a user (hash only).</summary>
public sealed class BackupCode
{
    private BackupCode() { }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Hash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public static BackupCode Create(string userId, string code, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), UserId = userId, Hash = BackupCodes.Hash(code), CreatedAt = now };
}

/// <summary>A failed second-factor check; five within 15 minutes lock code entry for the rest of that window.</summary>
public sealed class TwoFactorFailure
{
    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    public static TwoFactorFailure Create(string userId, DateTimeOffset at) => new() { UserId = userId, At = at };
}

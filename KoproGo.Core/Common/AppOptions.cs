namespace KoproGo.Core.Common;

/// <summary>Settings of the deployment (section "App"): the public base URL used in links sent by email.</summary>
public sealed class AppOptions
{
    public string BaseUrl { get; set; } = "http://127.0.0.1:5080";
    /// <summary>Audit entries older than this are purged by the daily retention job (7 years by default, SPEC §1.3).</summary>
    public int AuditRetentionYears { get; set; } = 7;
    /// <summary>Delivered mails are deleted this many days after delivery (the letters they carried stay as files).</summary>
    public int OutboxRetentionDays { get; set; } = 30;

    public string Link(string path) => BaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}

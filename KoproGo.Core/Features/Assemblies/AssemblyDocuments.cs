using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Assemblies;

/// <summary>The assembly's papers: each owner's convocation with its proxy form, and the minutes (SPEC §5).</summary>
public static class AssemblyDocuments
{
    /// <summary>
    /// One owner's convocation in their language: when, where, how to attend remotely, the agenda with each item's
    /// majority and proposal, then a proxy form pre-filled with their lots and shares, with a line per resolution for
    /// voting instructions (how an owner votes before the meeting under Belgian law).
    /// </summary>
    public static byte[] Convocation(Organisation organisation, Building building, Meeting meeting, IReadOnlyList<AgendaItem> items, Owner owner, Voice voice, DateTimeOffset now)
    {
        var c = Texts.Culture(owner.PreferredLanguage);
        string T(string key, params object?[] args) => Texts.Get(key, c, args);
        var when = BusinessTime.LocalDateTime(meeting.StartsAt);
        var kind = T("enum.MeetingKind." + meeting.Kind);
        using var pdf = new LetterheadDocument(Letterhead.For(organisation, building), T("pdf.assembly.convocation_title", kind), c, now);
        CallLetter.Addressee(pdf, owner);
        pdf.Paragraph(T("pdf.assembly.invitation", kind, when.ToString("D", c), when.ToString("t", c), meeting.Place), pdf.Body);
        if (meeting.IsSecondSession)
            pdf.Paragraph(T("pdf.assembly.second_session"), pdf.Body);
        if (meeting.RemoteLink is not null)
            pdf.Paragraph(T("pdf.assembly.remote", meeting.RemoteLink, meeting.IdentityCheck), pdf.Body);
        pdf.Space(10);
        pdf.Text(T("ui.assembly.agenda"), pdf.Bold, 18);
        foreach (var item in items)
        {
            pdf.Paragraph($"{item.Position}. {item.Title} — {Requirement(item, c)}", pdf.Bold);
            if (item.Description is not null)
                pdf.Paragraph(item.Description, pdf.Body);
            pdf.Space(4);
        }
        pdf.Space(10);
        pdf.Paragraph(T("pdf.assembly.majorities"), pdf.Small, 11);

        pdf.PageBreak();
        pdf.Text(T("pdf.assembly.proxy_title"), pdf.Title, 24);
        pdf.Paragraph(T("pdf.assembly.proxy_grant", owner.DisplayName, string.Join(", ", voice.Lots), voice.Shares, kind, when.ToString("d", c), building.Name), pdf.Body);
        pdf.Space(8);
        pdf.Text(T("pdf.assembly.proxy_holder"), pdf.Body, 24);
        pdf.Text(T("pdf.assembly.proxy_instructions"), pdf.Bold, 18);
        double[] widths = [0.64, 0.12, 0.12, 0.12];
        pdf.Row([T("ui.assembly.item_title"), T("enum.Vote.For"), T("enum.Vote.Against"), T("enum.Vote.Abstain")], widths, pdf.Bold, shaded: true);
        foreach (var item in items.Where(i => i.Kind == ItemKind.Resolution))
            pdf.Row([$"{item.Position}. {item.Title}", "[   ]", "[   ]", "[   ]"], widths, pdf.Body);
        pdf.Space(10);
        pdf.Paragraph(T("pdf.assembly.proxy_rules", AssemblyRules.MaxProxies), pdf.Small, 11);
        pdf.Space(16);
        pdf.Text(T("pdf.assembly.signature"), pdf.Body, 40);
        return pdf.Save();
    }

    /// <summary>
    /// The minutes in the building's language: attendance and quorum, then each item with the majority it needed, the
    /// figures, the result, and the names of those who voted against or abstained (Art. 3.87 §10).
    /// </summary>
    internal static byte[] Minutes(Organisation organisation, Building building, MeetingState state, DateTimeOffset now)
    {
        var meeting = state.Meeting;
        var c = Texts.Culture(building.Language);
        string T(string key, params object?[] args) => Texts.Get(key, c, args);
        var when = BusinessTime.LocalDateTime(meeting.StartsAt);
        var kind = T("enum.MeetingKind." + meeting.Kind);
        using var pdf = new LetterheadDocument(Letterhead.For(organisation, building), T("pdf.assembly.minutes_title", kind, when.ToString("d", c)), c, now);
        pdf.Paragraph(T("pdf.assembly.minutes_held", when.ToString("D", c), meeting.OpenedAt is { } opened ? BusinessTime.LocalDateTime(opened).ToString("t", c) : "—", meeting.Place), pdf.Body);
        if (meeting.Quorum is { } quorum)
        {
            pdf.Paragraph(T("ui.assembly.present_figures", meeting.OwnersPresent, meeting.OwnersTotal, meeting.SharesPresent, meeting.SharesTotal), pdf.Body);
            pdf.Paragraph(T("enum.QuorumState." + quorum), pdf.Bold);
        }
        var names = state.Roll.Voices.ToDictionary(v => v.OwnerId, v => v.Name);
        if (meeting.PresidentOwnerId is { } president)
            pdf.Paragraph(T("pdf.minutes.bureau", names.GetValueOrDefault(president, "?"),
                meeting.SecretaryOwnerId is { } secretary ? names.GetValueOrDefault(secretary, "?") : T("ui.minutes.the_syndic") + " (" + organisation.Name + ")"), pdf.Body);
        pdf.Space(8);
        pdf.Text(T("ui.assembly.attendance"), pdf.Bold, 18);
        double[] widths = [0.5, 0.15, 0.35];
        pdf.Row([T("ui.assembly.owner"), T("ui.assembly.shares_col"), T("ui.accounting.state")], widths, pdf.Bold, shaded: true, rightAligned: new HashSet<int> { 1 });
        foreach (var voice in state.Roll.Voices)
        {
            var stays = state.Attendances.Where(a => a.OwnerId == voice.OwnerId).OrderBy(a => a.ArrivedAt).ToList();
            var proxy = state.Proxies.FirstOrDefault(p => p.GrantorOwnerId == voice.OwnerId);
            var status = stays.Count > 0
                ? string.Join(", ", stays.Select(a => $"{T("enum.AttendanceMode." + a.Mode)} {BusinessTime.LocalDateTime(a.ArrivedAt):HH:mm}–{(a.LeftAt is { } left ? BusinessTime.LocalDateTime(left).ToString("HH:mm", c) : "")}"))
                : proxy is not null ? T("ui.assembly.represented_by", names.GetValueOrDefault(proxy.HolderOwnerId, "?")) : T("ui.assembly.absent");
            pdf.Row([voice.Name, voice.Shares.ToString("N0", c), status], widths, pdf.Body, rightAligned: new HashSet<int> { 1 });
        }
        pdf.Space(12);
        pdf.Text(T("ui.assembly.agenda"), pdf.Bold, 18);
        foreach (var item in state.Items)
        {
            pdf.Need(60);
            pdf.Paragraph($"{item.Position}. {item.Title} — {Requirement(item, c)}", pdf.Bold);
            if (item.Description is not null)
                pdf.Paragraph(item.Description, pdf.Body);
            if (item.Kind == ItemKind.Information)
            {
                pdf.Space(6);
                continue;
            }
            if (item.Status != ItemStatus.Closed)
            {
                pdf.Paragraph(T("pdf.assembly.not_voted"), pdf.Body);
                pdf.Space(6);
                continue;
            }
            pdf.Paragraph(T("pdf.assembly.figures", Votes(item.VotesFor, c), Votes(item.VotesAgainst, c), Votes(item.VotesAbstained, c)), pdf.Body);
            if (item.ConflictedOwnerIds.Count > 0)
                pdf.Paragraph(T("pdf.assembly.conflicted", string.Join(", ", item.ConflictedOwnerIds.Select(o => names.GetValueOrDefault(o, "?")).Order(StringComparer.CurrentCulture))), pdf.Body);
            pdf.Paragraph(T(item.Adopted == true ? "pdf.assembly.adopted" : "pdf.assembly.rejected"), pdf.Bold);
            if (item.Note is { } note and not OutcomeNote.None)
                pdf.Paragraph(T("enum.OutcomeNote." + note), pdf.Body);
            var ballots = state.Ballots.Where(b => b.AgendaItemId == item.Id).ToList();
            string Who(Vote vote) => string.Join(", ", ballots.Where(b => b.Vote == vote).Select(b => names.GetValueOrDefault(b.OwnerId, "?")).Order(StringComparer.CurrentCulture));
            if (Who(Vote.Against) is { Length: > 0 } against)
                pdf.Paragraph(T("pdf.assembly.voted_against", against), pdf.Body);
            if (Who(Vote.Abstain) is { Length: > 0 } abstained)
                pdf.Paragraph(T("pdf.assembly.abstained", abstained), pdf.Body);
            pdf.Space(6);
        }
        if (meeting.ClosedAt is { } closed)
            pdf.Paragraph(T("pdf.assembly.closed_at", BusinessTime.LocalDateTime(closed).ToString("t", c)), pdf.Body);
        return pdf.Save();
    }

    /// <summary>
    /// The last page of the signed minutes: who signed, as what, when and from where, and the SHA-256 of the fixed
    /// minutes (the file "…-original.pdf" in the building's documents) that each of them signed.
    /// </summary>
    internal static byte[] Signatures(Organisation organisation, Building building, Meeting meeting, IReadOnlyList<MinutesSignature> signatures, DateTimeOffset now)
    {
        var c = Texts.Culture(building.Language);
        string T(string key, params object?[] args) => Texts.Get(key, c, args);
        using var pdf = new LetterheadDocument(Letterhead.For(organisation, building), T("pdf.minutes.signatures_title"), c, now);
        pdf.Paragraph(T("pdf.minutes.signed_hash"), pdf.Body);
        pdf.Paragraph(meeting.MinutesSha256 ?? "", pdf.Bold);
        pdf.Space(8);
        double[] widths = [0.2, 0.35, 0.25, 0.2];
        pdf.Row([T("ui.minutes.role"), T("ui.assembly.owner"), T("ui.minutes.signed_at"), "IP"], widths, pdf.Bold, shaded: true);
        foreach (var s in signatures)
            pdf.Row([T("enum.SignatoryRole." + s.Role), s.Name, BusinessTime.LocalDateTime(s.SignedAt).ToString("g", c), s.Ip ?? "—"], widths, pdf.Body);
        return pdf.Save();
    }

    private static string Requirement(AgendaItem item, CultureInfo c) =>
        Texts.Get(item.Kind == ItemKind.Information ? "enum.ItemKind.Information" : "enum.Majority." + item.Majority, c)
        + (item.DistributionKeyId is null ? "" : " — " + Texts.Get("pdf.assembly.concerned_only", c))
        + (item.UnanimityOfPresent ? " — " + Texts.Get("pdf.assembly.unanimity_of_present", c) : "");

    private static string Votes(decimal? votes, CultureInfo c) => (votes ?? 0).ToString("#,0.##", c);
}

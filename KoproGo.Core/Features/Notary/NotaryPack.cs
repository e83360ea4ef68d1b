using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Tickets;

namespace KoproGo.Core.Features.Notary;

/// <summary>One line of a section: a date, what it is, an amount — written in the reader's language.</summary>
public sealed record PackLine(DateOnly? Date, string Text, decimal? Amount = null);

/// <summary>
/// A section of the pack with what the app holds for it and the syndic's statement. A register (disputes, contracts,
/// minutes…) with no line needs the syndic's explicit "none": the law asks for an answer, and silence is not one.
/// </summary>
public sealed record PackSection(int Number, string Title, bool Register, IReadOnlyList<PackLine> Lines, SectionStatement? Statement)
{
    public bool Missing => Register && Lines.Count == 0 && Statement?.None != true;
}

/// <summary>
/// The information to the notary on the sale of a lot (Art. 3.94 Civil Code; SPEC §6.1): the 16 sections of the §1
/// answer and, for the registered §2 request, the four statements as of the transfer. Everything is read from the
/// books, the calls, the assemblies, the tickets, the documents and the register of disputes, as of one reference day.
/// </summary>
public static class NotaryPack
{
    /// <summary>Sections 1–16 answer §1; 17–20 are the §2 statements (works decided, calls approved, acquisitions of common parts, litigation debts).</summary>
    public static readonly IReadOnlyList<int> FirstStage = Enumerable.Range(1, 16).ToList();
    public static readonly IReadOnlyList<int> SecondStage = Enumerable.Range(1, 20).ToList();
    private static readonly HashSet<int> Registers = [6, 7, 8, 9, 10, 11, 12, 13, 17, 18, 19, 20];

    public static bool Exists(int section) => section is >= 1 and <= 20;
    public static IReadOnlyList<int> SectionsOf(NotaryStage stage) => stage == NotaryStage.First ? FirstStage : SecondStage;

    /// <summary>Reads every section for the request's lot as of <paramref name="today"/>, in <paramref name="c"/>'s language.</summary>
    public static async Task<IReadOnlyList<PackSection>> BuildAsync(IKoproGoDb db, NotaryRequest request, Building building, DateOnly today, CultureInfo c, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == request.UnitId, ct);
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
        var holders = await (from s in db.Ownerships.AsNoTracking()
                             join o in db.Owners on s.OwnerId equals o.Id
                             where s.UnitId == unit.Id && s.StartDate <= today && (s.EndDate == null || s.EndDate > today)
                             select new { Owner = o, s.Kind, s.Percentage }).ToListAsync(ct);
        holders = holders.OrderBy(h => h.Owner.DisplayName, StringComparer.CurrentCulture).ToList();
        var ownerIds = holders.Select(h => h.Owner.Id).Distinct().ToList();
        var threeYears = today.AddYears(-3);
        var since = BusinessTime.StartOfDayUtc(threeYears);
        var lines = new Dictionary<int, List<PackLine>>();
        void Add(int section, PackLine line) => (lines.TryGetValue(section, out var l) ? l : lines[section] = []).Add(line);

        // 1, 2 — the building, the lot, its owners, its shares
        Add(1, new PackLine(null, $"{building.Name} — {building.Street}, {building.PostalCode} {building.City}"
            + (building.EnterpriseNumber is { } bce ? $" — {Texts.Get("notary.pack.enterprise", c, bce)}" : "")));
        Add(1, new PackLine(null, Texts.Get("notary.pack.unit", c, unit.Number, Texts.Get("enum.UnitType." + unit.Type, c), unit.Floor?.ToString(c) ?? "—")));
        foreach (var h in holders)
            Add(1, new PackLine(null, Texts.Get("notary.pack.holder", c, h.Owner.DisplayName, Texts.Get("enum.OwnershipKind." + h.Kind, c), h.Percentage.ToString("0.####", c))));
        Add(2, new PackLine(null, Texts.Get("notary.pack.shares", c, unit.Shares.ToString("N0", c), building.TotalShares.ToString("N0", c),
            (building.TotalShares == 0 ? 0 : 100m * unit.Shares / building.TotalShares).ToString("0.###", c))));

        // 3, 4, 18 — the calls for funds of the lot's owners in this building
        var callLines = await (from l in db.CallLines.AsNoTracking()
                               join k in db.CallsForFunds on l.CallId equals k.Id
                               where k.BuildingId == building.Id && k.Status == CallStatus.Sent && ownerIds.Contains(l.OwnerId)
                               orderby k.DueDate, k.Title
                               select new { k.Title, k.CallDate, k.DueDate, k.Period, l.Ordinary, l.Extraordinary, l.Reserve, l.Total, l.Paid }).ToListAsync(ct);
        foreach (var l in callLines.Where(l => l.Total > l.Paid && l.DueDate <= today))
            Add(3, new PackLine(l.DueDate, Texts.Get(l.DueDate < today ? "notary.pack.call_overdue" : "notary.pack.call_open", c, l.Title), l.Total - l.Paid));
        var open = callLines.Where(l => l.Total > l.Paid && l.DueDate <= today).Sum(l => l.Total - l.Paid);
        Add(3, new PackLine(today, Texts.Get("notary.pack.unpaid_total", c), open));
        foreach (var l in callLines.Where(l => l.CallDate > today.AddYears(-1) && l.CallDate <= today))
            Add(4, new PackLine(l.CallDate, Texts.Get("notary.pack.provision", c, l.Title, Texts.Get("enum.CallPeriod." + l.Period, c),
                (l.Ordinary + l.Extraordinary).ToString("N2", c), l.Reserve.ToString("N2", c)), l.Total));
        if (!lines.ContainsKey(4))
            Add(4, new PackLine(null, Texts.Get("notary.pack.no_provision", c)));
        foreach (var l in callLines.Where(l => l.DueDate > today))
            Add(18, new PackLine(l.DueDate, l.Title, l.Total - l.Paid));

        // 5 — the owners' account (410) in the open years: a closed year's balance is in the next year's opening entry
        var balance = await (from l in db.JournalLines
                             join a in db.Accounts on l.AccountId equals a.Id
                             join y in db.FiscalYears on l.FiscalYearId equals y.Id
                             where y.BuildingId == building.Id && y.ClosedAt == null && l.OwnerId != null && ownerIds.Contains(l.OwnerId.Value) && a.Code.StartsWith("410")
                             select l.Debit - l.Credit).SumAsync(ct);
        Add(5, new PackLine(today, Texts.Get(balance > 0 ? "notary.pack.balance_debit" : balance < 0 ? "notary.pack.balance_credit" : "notary.pack.balance_nil", c), balance));

        // 6, 17 — works the assembly adopted (not a budget, not an election) in the last three years
        var resolutions = await (from i in db.AgendaItems.AsNoTracking()
                                 join m in db.Meetings on i.MeetingId equals m.Id
                                 where m.BuildingId == building.Id && m.StartsAt >= since && i.Kind == ItemKind.Resolution && i.Adopted == true
                                       && i.Effect == ItemEffect.None && i.BudgetId == null
                                 orderby m.StartsAt, i.Position
                                 select new { m.StartsAt, i.Title }).ToListAsync(ct);
        foreach (var r in resolutions)
        {
            Add(6, new PackLine(BusinessTime.LocalDate(r.StartsAt), r.Title));
            Add(17, new PackLine(BusinessTime.LocalDate(r.StartsAt), r.Title));
        }

        // 7, 8, 20 — the register of disputes and proceedings
        var cases = await db.LegalCases.AsNoTracking().Where(x => x.BuildingId == building.Id && x.OpenedOn <= today && (x.ClosedOn == null || x.ClosedOn > today))
            .OrderBy(x => x.OpenedOn).ToListAsync(ct);
        foreach (var x in cases)
        {
            var text = x.Court is null ? $"{x.Subject} — {x.Counterparty}" : $"{x.Subject} — {x.Counterparty} ({x.Court})";
            Add(x.Kind == LegalCaseKind.Dispute ? 7 : 8, new PackLine(x.OpenedOn, text, x.AmountAtStake));
            if (x.AmountAtStake is > 0)
                Add(20, new PackLine(x.OpenedOn, text, x.AmountAtStake));
        }

        // 9 — insurance claims of the last three years: tickets the syndic flagged as declared to the insurer
        var claims = await db.Tickets.AsNoTracking().Where(t => t.BuildingId == building.Id && t.InsuranceClaim && t.CreatedAt >= since)
            .OrderBy(t => t.CreatedAt).Select(t => new { t.CreatedAt, t.Title, t.Status }).ToListAsync(ct);
        foreach (var t in claims)
            Add(9, new PackLine(BusinessTime.LocalDate(t.CreatedAt), $"{t.Title} — {Texts.Get("enum.TicketStatus." + t.Status, c)}"));

        // 10, 11, 12, 13 — the minutes of the assemblies held here, and the building's documents by kind (minutes kept
        // from before the app among them; a meeting's own minutes file is listed once, as the meeting)
        var minutes = await db.Meetings.AsNoTracking()
            .Where(m => m.BuildingId == building.Id && m.StartsAt >= since && (m.MinutesFileId != null || m.SignedMinutesFileId != null))
            .OrderBy(m => m.StartsAt).Select(m => new { m.StartsAt, m.Kind, m.MinutesFileId, m.SignedMinutesFileId, Sent = m.MinutesSentAt != null }).ToListAsync(ct);
        foreach (var m in minutes)
            Add(11, new PackLine(BusinessTime.LocalDate(m.StartsAt), Texts.Get(m.Sent ? "notary.pack.minutes_sent" : "notary.pack.minutes_drawn", c, Texts.Get("enum.MeetingKind." + m.Kind, c))));
        var meetingFiles = minutes.SelectMany(m => new[] { m.MinutesFileId, m.SignedMinutesFileId }).OfType<Guid>().ToList();
        var kinds = new[] { DocumentKind.Statutes, DocumentKind.InternalRules, DocumentKind.Minutes, DocumentKind.Insurance, DocumentKind.ServiceContract };
        var documents = await db.Files.AsNoTracking()
            .Where(f => f.BuildingId == building.Id && f.Use == FileUse.BuildingDocument && kinds.Contains(f.Kind) && !meetingFiles.Contains(f.Id)
                        && (f.Kind != DocumentKind.Minutes || f.UploadedAt >= since))
            .OrderBy(f => f.UploadedAt).Select(f => new { f.Kind, f.FileName, f.UploadedAt }).ToListAsync(ct);
        foreach (var f in documents)
        {
            var section = f.Kind switch { DocumentKind.Statutes or DocumentKind.InternalRules => 10, DocumentKind.Minutes => 11, DocumentKind.Insurance => 12, _ => 13 };
            Add(section, new PackLine(BusinessTime.LocalDate(f.UploadedAt), $"{Texts.Get("enum.DocumentKind." + f.Kind, c)} — {f.FileName}"));
        }

        // 14 — the lot's share of the charges, by fiscal year, over the last three years
        var years = await db.FiscalYears.AsNoTracking().Where(y => y.BuildingId == building.Id && y.EndDate >= threeYears && y.StartDate <= today)
            .OrderBy(y => y.StartDate).ToListAsync(ct);
        var firstDay = years.Count > 0 ? years[0].StartDate : today;
        var charges = await (from a in db.ChargeAllocations.AsNoTracking()
                             join i in db.SupplierInvoices on a.InvoiceId equals i.Id
                             where a.UnitId == unit.Id && i.BuildingId == building.Id && i.InvoiceDate >= firstDay
                                   && (i.Status == InvoiceStatus.Approved || i.Status == InvoiceStatus.Paid)
                             group a by i.InvoiceDate into g
                             select new { Date = g.Key, Amount = g.Sum(x => x.Amount) }).ToListAsync(ct);
        foreach (var y in years)
            Add(14, new PackLine(y.EndDate, Texts.Get("notary.pack.charges_year", c, y.Label, y.StartDate.ToString("d", c), y.EndDate.ToString("d", c)),
                charges.Where(x => x.Date >= y.StartDate && x.Date <= y.EndDate).Sum(x => x.Amount)));
        if (years.Count == 0)
            Add(14, new PackLine(null, Texts.Get("notary.pack.no_year", c)));

        // 15 — the working fund (100) and the reserve funds (16…), credit balances of the open years; the reserve calls of
        // an open year (700) are the fund's too, carried into 160 when the year is closed. The lot's part of the reserve.
        var funds = await (from l in db.JournalLines
                           join a in db.Accounts on l.AccountId equals a.Id
                           join y in db.FiscalYears on l.FiscalYearId equals y.Id
                           where y.BuildingId == building.Id && y.ClosedAt == null
                                 && (a.Code.StartsWith(StandardChart.WorkingFund) || a.Code.StartsWith("16") || a.Code.StartsWith(StandardChart.CallsReserve))
                           group l by a.Code.StartsWith(StandardChart.WorkingFund) into g
                           select new { Working = g.Key, Amount = g.Sum(x => x.Credit) - g.Sum(x => x.Debit) }).ToListAsync(ct);
        var working = funds.Where(f => f.Working).Sum(f => f.Amount);
        var reserve = funds.Where(f => !f.Working).Sum(f => f.Amount);
        Add(15, new PackLine(today, Texts.Get("notary.pack.working_fund", c), working));
        Add(15, new PackLine(today, Texts.Get("notary.pack.reserve_fund", c), reserve));
        Add(15, new PackLine(today, Texts.Get("notary.pack.reserve_share", c, unit.Shares.ToString("N0", c), building.TotalShares.ToString("N0", c)), ReserveShare(reserve, unit.Shares, building.TotalShares)));

        // 16 — the syndic
        Add(16, new PackLine(null, organisation.Name + (organisation.EnterpriseNumber is { } e ? $" — {Texts.Get("notary.pack.enterprise", c, e)}" : "")
            + (organisation.ApprovalNumber is { } ipi ? $" — {Texts.Get("notary.pack.approval", c, ipi)}" : "")));
        Add(16, new PackLine(null, string.Join(" · ", new[] { organisation.Address, organisation.ContactEmail, organisation.Phone }.Where(s => !string.IsNullOrWhiteSpace(s)))));

        return SectionsOf(request.Stage).Select(n => new PackSection(n, Texts.Get($"notary.section.{n}", c), Registers.Contains(n),
            lines.GetValueOrDefault(n) ?? [], request.Statements.FirstOrDefault(s => s.Section == n))).ToList();
    }

    /// <summary>The lot's part of the reserve fund, by its shares, to the cent (the fund belongs to the association; the part shows what the seller leaves in it).</summary>
    public static decimal ReserveShare(decimal reserve, int shares, int totalShares) =>
        totalShares == 0 ? 0 : Money.Cents(reserve * shares / totalShares);

    /// <summary>The pack as a PDF in the notary's language: the request, then every section with its lines, "none" or the syndic's remark.</summary>
    public static byte[] Pdf(Organisation organisation, Building building, NotaryRequest request, string unitNumber, IReadOnlyList<PackSection> sections,
        DateOnly referenceDate, DateTimeOffset now)
    {
        var c = Texts.Culture(request.Language);
        var title = Texts.Get(request.Stage == NotaryStage.First ? "notary.pdf.title_first" : "notary.pdf.title_second", c);
        using var pdf = new LetterheadDocument(Letterhead.For(organisation, building), title, c, now);
        pdf.Paragraph(Texts.Get("notary.pdf.intro", c, unitNumber, request.NotaryName, request.ReceivedOn.ToString("d", c), referenceDate.ToString("d", c),
            NotaryRules.ExpiresOn(referenceDate)!.Value.ToString("d", c)), pdf.Body);
        if (request.BuyerName is not null || request.TransferOn is not null)
            pdf.Paragraph(Texts.Get("notary.pdf.sale", c, request.BuyerName ?? "—", request.TransferOn?.ToString("d", c) ?? "—"), pdf.Body);
        pdf.Space(6);
        double[] widths = [0.16, 0.64, 0.2];
        var right = new HashSet<int> { 2 };
        foreach (var s in sections)
        {
            pdf.Space(6);
            pdf.Need(40);
            pdf.Text($"{s.Number}. {s.Title}", pdf.Bold, 16);
            foreach (var l in s.Lines)
                pdf.Row([l.Date?.ToString("d", c) ?? "", l.Text, l.Amount is { } a ? a.ToString("N2", c) + " €" : ""], widths, pdf.Small, rightAligned: right);
            if (s.Lines.Count == 0)
                pdf.Text(Texts.Get("notary.pdf.none", c), pdf.Body);
            if (s.Statement?.Note is { } note)
                pdf.Paragraph(Texts.Get("notary.pdf.note", c, note), pdf.Body);
        }
        pdf.Space(12);
        pdf.Paragraph(Texts.Get("notary.pdf.closing", c, organisation.Name), pdf.Body);
        return pdf.Save();
    }
}

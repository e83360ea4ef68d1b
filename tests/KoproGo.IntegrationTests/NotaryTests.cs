using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Dashboard;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notary;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Tickets;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace KoproGo.IntegrationTests;

/// <summary>The information to the notary on the sale of a lot (Art. 3.94; SPEC §6.1): deadlines, sections from the data, explicit "none", the PDF, the delivery.</summary>
[Collection(DatabaseCollection.Name)]
public class NotaryTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private INotaryService Notary => fx.Get<INotaryService>();
    private DateOnly Today => BusinessTime.Today(fx.Clock);

    /// <summary>Building A with lots A1 (owner A, 100 shares) and A9 (owner B, 900), an open 2026, one call sent and part of it paid by owner A.</summary>
    private async Task<World> SetUpAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        Assert.True((await fx.Get<IFiscalYearService>().OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Succeeded);
        var calls = fx.Get<ICallService>();
        var call = (await calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, new CallInput
        {
            Title = "T4 2026",
            Period = CallPeriod.Quarterly,
            CallDate = new DateOnly(2026, 10, 1),
            DueDate = new DateOnly(2026, 10, 31),
            Ordinary = 10_000m,
            Reserve = 2_000m,
        }, Ct)).Value;
        Assert.True((await fx.Get<ICallSendingService>().SendAsync(w.Syndic, call, Ct)).Succeeded);
        Assert.True((await fx.Get<IPaymentService>().RecordPaymentAsync(w.Syndic, w.BuildingA, new PaymentInput { OwnerId = w.OwnerA, Date = new DateOnly(2026, 11, 2), Amount = 500m }, Ct)).Succeeded);
        return w;
    }

    private NotaryRequestInput Request(World w, NotaryStage stage = NotaryStage.First, DateOnly? received = null) => new()
    {
        UnitId = w.UnitA1,
        Stage = stage,
        ReceivedOn = received ?? Today,
        NotaryName = "Maître Claire Lejeune, Ixelles",
        NotaryEmail = "etude.lejeune@notaire.example",
        BuyerName = "Jan Peeters",
        TransferOn = Today.AddDays(60),
    };

    [Fact]
    public async Task ThePack_IsFilledFromTheData_RefusedWhileASectionIsSilent_ThenDrawnAndSentToTheNotary()
    {
        var w = await SetUpAsync();
        var files = fx.Get<IFileService>();
        Assert.True((await files.UploadBuildingDocumentAsync(w.Syndic, w.BuildingA, new MemoryStream("%PDF-1.7 statuts"u8.ToArray()), "statuts-coordonnes.pdf", Ct,
            kind: DocumentKind.Statutes)).Succeeded);
        var policy = (await files.UploadBuildingDocumentAsync(w.Syndic, w.BuildingA, new MemoryStream("%PDF-1.7 police"u8.ToArray()), "police-incendie.pdf", Ct)).Value;
        Assert.True((await files.ClassifyAsync(w.Syndic, policy, DocumentKind.Insurance, Ct)).Succeeded);
        Assert.Equal(ErrorKind.Forbidden, (await files.ClassifyAsync(w.Accountant, policy, DocumentKind.Plan, Ct)).FirstError!.Kind);
        Assert.True((await Notary.SaveCaseAsync(w.Syndic, w.BuildingA, null, new LegalCaseInput
        {
            Kind = LegalCaseKind.Dispute,
            Subject = "Infiltrations toiture",
            Counterparty = "Toitures Dupont SRL",
            OpenedOn = new DateOnly(2026, 3, 2),
            AmountAtStake = 2_500m,
        }, Ct)).Succeeded);
        Assert.True((await Notary.SaveCaseAsync(w.Syndic, w.BuildingA, null, new LegalCaseInput
        {
            Kind = LegalCaseKind.Proceeding,
            Subject = "Ancienne procédure",
            Counterparty = "X",
            OpenedOn = new DateOnly(2024, 1, 1),
            ClosedOn = new DateOnly(2025, 1, 1),
        }, Ct)).Succeeded);
        var tickets = fx.Get<ITicketService>();
        var leak = (await tickets.ReportAsync(w.OwnerActorA, w.BuildingA, new TicketInput { Category = TicketCategory.Leak, Title = "Dégât des eaux cage d'escalier", Description = "x" }, Ct)).Value;
        Assert.True((await tickets.TriageAsync(w.Syndic, leak, new TriageInput { InsuranceClaim = true }, Ct)).Succeeded);

        var id = (await Notary.ReceiveAsync(w.Syndic, w.BuildingA, Request(w), Ct)).Value;
        var detail = (await Notary.GetAsync(w.Accountant, id, "fr-BE", Ct)).Value;
        Assert.Equal(Today.AddDays(15), detail.Request.DueOn);
        Assert.Equal(Enumerable.Range(1, 16), detail.Sections.Select(s => s.Number));
        Assert.Equal([6, 8, 11, 13], detail.Missing.Select(s => s.Number));
        Assert.Contains(detail.Sections.Single(s => s.Number == 7).Lines, l => l.Text.Contains("Infiltrations toiture") && l.Amount == 2_500m);
        Assert.Contains(detail.Sections.Single(s => s.Number == 9).Lines, l => l.Text.Contains("Dégât des eaux"));
        Assert.Contains(detail.Sections.Single(s => s.Number == 10).Lines, l => l.Text.Contains("statuts-coordonnes.pdf"));
        Assert.Contains(detail.Sections.Single(s => s.Number == 12).Lines, l => l.Text.Contains("police-incendie.pdf"));

        // the figures are the ledger's: the owner's account (410) and the funds of the trial balance
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var year = await db.FiscalYears.SingleAsync(y => y.BuildingId == w.BuildingA, Ct);
        var reports = fx.Get<IAccountingReports>();
        var statement = (await reports.OwnerStatementAsync(w.Syndic, new ReportPeriod(w.BuildingA, year.Id), w.OwnerA, Ct)).Value;
        var trial = (await reports.TrialBalanceAsync(w.Syndic, new ReportPeriod(w.BuildingA, year.Id), "fr-BE", Ct)).Value;
        var reserve = -trial.Rows.Where(r => r.Code.StartsWith("16", StringComparison.Ordinal) || r.Code.StartsWith("700", StringComparison.Ordinal)).Sum(r => r.Balance);
        var working = -trial.Rows.Where(r => r.Code.StartsWith("100", StringComparison.Ordinal)).Sum(r => r.Balance);
        Assert.Equal(700m, statement.Balance);                 // 1,200 called (1,000 + 200 reserve), 500 paid
        Assert.Equal(2_000m, reserve);
        Assert.Equal(statement.Balance, detail.Sections.Single(s => s.Number == 5).Lines.Single().Amount);
        Assert.Equal([working, reserve, 200m], detail.Sections.Single(s => s.Number == 15).Lines.Select(l => l.Amount!.Value));
        Assert.Equal(700m, detail.Sections.Single(s => s.Number == 3).Lines.Last().Amount);

        // silence is not an answer: the generation lists what is missing and draws nothing
        var refused = await Notary.GenerateAsync(w.Syndic, id, Ct);
        Assert.Equal("error.notary_sections_missing", refused.FirstError!.Code);
        Assert.Contains("6. Travaux votés", (string)refused.FirstError.Args[0]!);
        Assert.Contains("13. Contrats de services", (string)refused.FirstError.Args[0]!);
        Assert.Null((await db.NotaryRequests.AsNoTracking().SingleAsync(r => r.Id == id, Ct)).PackFileId);
        // "none" is for a register with no line; a remark goes anywhere
        Assert.Equal(ErrorKind.Forbidden, (await Notary.StateAsync(w.Accountant, id, new SectionStatementInput { Section = 6, None = true }, Ct)).FirstError!.Kind);
        foreach (var s in detail.Missing)
            Assert.True((await Notary.StateAsync(w.Syndic, id, new SectionStatementInput { Section = s.Number, None = true }, Ct)).Succeeded);
        Assert.True((await Notary.StateAsync(w.Syndic, id, new SectionStatementInput { Section = 7, Note = "Expertise judiciaire en cours, audience le 12 janvier." }, Ct)).Succeeded);
        Assert.Equal("error.notary_section", (await Notary.StateAsync(w.Syndic, id, new SectionStatementInput { Section = 18, None = true }, Ct)).FirstError!.Code);   // a §2 statement on a §1 request
        Assert.Equal(NotaryRequestStatus.InProgress, (await Notary.GetAsync(w.Syndic, id, "fr-BE", Ct)).Value.Request.Status);

        // on the office's to-do list until it is sent
        var todo = (await fx.Get<IDashboardService>().ToDoAsync(w.Syndic, w.OrganisationId, Ct)).Value;
        Assert.Contains(todo, i => i.Kind == ToDoKind.NotaryDue && i.Link == $"/notary/{id}" && i.Date == Today.AddDays(15) && !i.Overdue);

        var draft = (await Notary.GenerateAsync(w.Syndic, id, Ct)).Value;
        var fileId = (await Notary.GenerateAsync(w.Syndic, id, Ct)).Value;     // drawn again: replaces the pack not sent yet
        Assert.False(await db.Files.AnyAsync(f => f.Id == draft, Ct));
        var text = await PdfTextAsync(w.Accountant, fileId);
        for (var n = 1; n <= 16; n++)
            Assert.Contains($"{n}. ", text, StringComparison.Ordinal);
        Assert.Contains("Identification de l'immeuble et du lot", text, StringComparison.Ordinal);
        Assert.Contains("Coordonnées du syndic", text, StringComparison.Ordinal);
        Assert.Contains("700,00 €", text, StringComparison.Ordinal);               // section 5, the ledger's balance
        Assert.Contains("2 000,00 €", text, StringComparison.Ordinal);             // section 15, the reserve fund
        Assert.Contains("200,00 €", text, StringComparison.Ordinal);               // the lot's part (100/1,000)
        Assert.Contains("Infiltrations toiture", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ancienne procédure", text, StringComparison.Ordinal);  // closed
        Assert.Contains("Expertise judiciaire en cours", text, StringComparison.Ordinal);
        Assert.Contains("Néant.", text, StringComparison.Ordinal);
        Assert.Contains("Jan Peeters", text, StringComparison.Ordinal);
        // the seller's figures: the books' people only
        Assert.False((await fx.Get<IFileService>().OpenAsync(w.BoardMemberA, fileId, Ct)).Succeeded);
        Assert.False((await fx.Get<IFileService>().OpenAsync(w.OwnerActorA, fileId, Ct)).Succeeded);

        Assert.True((await Notary.DeliverAsync(w.Syndic, id, Ct)).Succeeded);
        Assert.Equal("error.notary_status", (await Notary.DeliverAsync(w.Syndic, id, Ct)).FirstError!.Code);
        var mail = await db.OutboxEmails.AsNoTracking().SingleAsync(m => m.ToAddress == "etude.lejeune@notaire.example", Ct);
        Assert.Equal(fileId, mail.AttachmentFileId);
        Assert.Contains("A1", mail.Subject, StringComparison.Ordinal);
        var delivered = (await Notary.GetAsync(w.Syndic, id, "fr-BE", Ct)).Value;
        Assert.Equal((NotaryRequestStatus.Delivered, Today, Today.AddDays(90)), (delivered.Request.Status, delivered.Request.ReferenceDate, delivered.Request.ExpiresOn));
        Assert.DoesNotContain((await fx.Get<IDashboardService>().ToDoAsync(w.Syndic, w.OrganisationId, Ct)).Value, i => i.Kind == ToDoKind.NotaryDue);
        Assert.Equal("error.notary_status", (await Notary.GenerateAsync(w.Syndic, id, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task TheRegisteredRequest_AddsTheParagraph2Statements_InDutch_AndIsOverdueAfter30Days()
    {
        var w = await SetUpAsync();
        var calls = fx.Get<ICallService>();
        var next = (await calls.SaveDraftAsync(w.Syndic, w.BuildingA, null, new CallInput
        {
            Title = "T1 2027 (appel anticipé)",
            Period = CallPeriod.Quarterly,
            CallDate = Today,
            DueDate = Today.AddDays(30),
            Ordinary = 1_000m,
        }, Ct)).Value;
        Assert.True((await fx.Get<ICallSendingService>().SendAsync(w.Syndic, next, Ct)).Succeeded);
        Assert.True((await Notary.SaveCaseAsync(w.Syndic, w.BuildingA, null, new LegalCaseInput
        {
            Kind = LegalCaseKind.Proceeding,
            Subject = "Action en garantie décennale",
            Counterparty = "Bouw NV",
            Court = "Tribunal de première instance de Bruxelles",
            OpenedOn = new DateOnly(2025, 5, 1),
            AmountAtStake = 12_345.67m,
        }, Ct)).Succeeded);
        var input = Request(w, NotaryStage.Second, received: Today.AddDays(-31));
        input.Language = "nl-BE";
        var id = (await Notary.ReceiveAsync(w.Syndic, w.BuildingA, input, Ct)).Value;

        var row = (await Notary.ListAsync(w.Accountant, w.OrganisationId, Ct)).Value.Single(r => r.Id == id);
        Assert.Equal((Today.AddDays(-1), true), (row.DueOn, row.Overdue));
        var detail = (await Notary.GetAsync(w.Syndic, id, "nl-BE", Ct)).Value;
        Assert.Equal(Enumerable.Range(1, 20), detail.Sections.Select(s => s.Number));
        Assert.Contains(detail.Sections.Single(s => s.Number == 18).Lines, l => l.Text.Contains("T1 2027") && l.Amount == 100m);
        Assert.Contains(detail.Sections.Single(s => s.Number == 20).Lines, l => l.Amount == 12_345.67m);
        Assert.DoesNotContain(detail.Sections.Single(s => s.Number == 3).Lines, l => l.Text.Contains("T1 2027"));   // not due yet
        Assert.Contains(19, detail.Missing.Select(s => s.Number));
        foreach (var s in detail.Missing)
            Assert.True((await Notary.StateAsync(w.Syndic, id, new SectionStatementInput { Section = s.Number, None = true }, Ct)).Succeeded);
        var text = await PdfTextAsync(w.Syndic, (await Notary.GenerateAsync(w.Syndic, id, Ct)).Value);
        Assert.Contains("Inlichtingen aan de notaris", text, StringComparison.Ordinal);
        Assert.Contains("12.345,67 €", text, StringComparison.Ordinal);
        Assert.Contains("Nihil.", text, StringComparison.Ordinal);
        Assert.Contains("20. ", text, StringComparison.Ordinal);
        var todo = (await fx.Get<IDashboardService>().ToDoAsync(w.Syndic, w.OrganisationId, Ct)).Value;
        Assert.Contains(todo, i => i.Kind == ToDoKind.NotaryDue && i.Overdue);
    }

    [Fact]
    public async Task BadRequestsAndCases_AreRefusedOnTheirField_AndSaveNothing()
    {
        var w = await World.CreateAsync(fx, Ct);
        async Task<string?> Field(NotaryRequestInput input) => (await Notary.ReceiveAsync(w.Syndic, w.BuildingA, input, Ct)).FirstError?.Field;
        var good = Request(w);
        Assert.Equal("ReceivedOn", await Field(Copy(good, i => i.ReceivedOn = Today.AddDays(1))));
        Assert.Equal("NotaryEmail", await Field(Copy(good, i => i.NotaryEmail = "pas-un-email")));
        Assert.Equal("NotaryName", await Field(Copy(good, i => i.NotaryName = " ")));
        Assert.Equal("Language", await Field(Copy(good, i => i.Language = "de-DE")));
        Assert.Equal("UnitId", await Field(Copy(good, i => i.UnitId = w.UnitB1)));                  // a lot of another building
        var empty = (await fx.Get<Core.Features.Buildings.IBuildingService>().CreateUnitAsync(w.Syndic, w.BuildingA, new Core.Features.Buildings.UnitInput { Number = "A2", Shares = 10 }, Ct)).Value;
        var noOwner = await Notary.ReceiveAsync(w.Syndic, w.BuildingA, Copy(good, i => i.UnitId = empty), Ct);
        Assert.Equal(("error.notary_no_owner", "UnitId"), (noOwner.FirstError!.Code, noOwner.FirstError.Field));
        Assert.DoesNotContain((await Notary.UnitsAsync(w.Syndic, w.BuildingA, Ct)).Value, u => u.Id == empty);
        Assert.Equal(ErrorKind.Forbidden, (await Notary.ReceiveAsync(w.Accountant, w.BuildingA, good, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Notary.ListAsync(w.BoardMemberA, w.OrganisationId, Ct)).FirstError!.Kind);

        async Task<string?> CaseField(LegalCaseInput input) => (await Notary.SaveCaseAsync(w.Syndic, w.BuildingA, null, input, Ct)).FirstError?.Field;
        LegalCaseInput Case() => new() { Subject = "Voisin", Counterparty = "M. X", OpenedOn = Today.AddDays(-5) };
        Assert.Equal("ClosedOn", await CaseField(Copy(Case(), c => c.ClosedOn = Today.AddDays(-6))));
        Assert.Equal("AmountAtStake", await CaseField(Copy(Case(), c => c.AmountAtStake = -1m)));
        Assert.Equal("AmountAtStake", await CaseField(Copy(Case(), c => c.AmountAtStake = 1.005m)));
        Assert.Equal("OpenedOn", await CaseField(Copy(Case(), c => c.OpenedOn = null)));
        Assert.Equal("Counterparty", await CaseField(Copy(Case(), c => c.Counterparty = "")));
        Assert.Equal(ErrorKind.Forbidden, (await Notary.CasesAsync(w.BoardMemberA, w.BuildingA, Ct)).FirstError!.Kind);
        Assert.Empty((await Notary.CasesAsync(w.Accountant, w.BuildingA, Ct)).Value);
        Assert.Empty((await Notary.ListAsync(w.Syndic, w.OrganisationId, Ct)).Value);

        var caseId = (await Notary.SaveCaseAsync(w.Syndic, w.BuildingA, null, Case(), Ct)).Value;
        Assert.True((await Notary.SaveCaseAsync(w.Syndic, w.BuildingA, caseId, Copy(Case(), c => c.ClosedOn = Today), Ct)).Succeeded);
        Assert.Equal(Today, (await Notary.CasesAsync(w.Syndic, w.BuildingA, Ct)).Value.Single().ClosedOn);
        Assert.Equal(ErrorKind.NotFound, (await Notary.SaveCaseAsync(w.Syndic, w.BuildingB, caseId, Case(), Ct)).FirstError!.Kind);   // not a case of that building

        var id = (await Notary.ReceiveAsync(w.Syndic, w.BuildingA, good, Ct)).Value;
        Assert.Equal("Reason", (await Notary.CancelAsync(w.Syndic, id, " ", Ct)).FirstError!.Field);
        Assert.True((await Notary.CancelAsync(w.Syndic, id, "Vente abandonnée", Ct)).Succeeded);
        Assert.Equal("error.notary_status", (await Notary.StateAsync(w.Syndic, id, new SectionStatementInput { Section = 7, None = true }, Ct)).FirstError!.Code);
        Assert.Equal("Note", (await Notary.StateAsync(w.Syndic, id, new SectionStatementInput { Section = 7, Note = new string('x', 1001) }, Ct)).FirstError!.Field);
    }

    private static T Copy<T>(T source, Action<T> change) where T : class
    {
        var copy = (T)typeof(T).GetMethod("MemberwiseClone", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.Invoke(source, null)!;
        change(copy);
        return copy;
    }

    private async Task<string> PdfTextAsync(Core.Common.Actor reader, Guid fileId)
    {
        var file = (await fx.Get<IFileService>().OpenAsync(reader, fileId, Ct)).Value;
        using var memory = new MemoryStream();
        await file.Content.CopyToAsync(memory, Ct);
        using var pdf = PdfDocument.Open(memory.ToArray());
        return string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(x => x.Text)).Replace('\u202f', ' ').Replace('\u00a0', ' ');
    }
}

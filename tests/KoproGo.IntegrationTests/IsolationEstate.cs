using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Bookings;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Inspections;
using KoproGo.Core.Features.Library;
using KoproGo.Core.Features.Logbook;
using KoproGo.Core.Features.Notary;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Polls;
using KoproGo.Core.Features.Skills;
using KoproGo.Core.Features.Tickets;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>
/// A world whose building A holds one of everything a service can be asked about (a posted entry, a sent call, an
/// invoice, a budget, a poll, a booking, a loan, a notice with a comment, a skill with an exchange, a document, a
/// reminder, an unmatched bank line…), with the id of each under the parameter name services use for it
/// (<c>buildingId</c>, <c>loanId</c>…). Everything is in building A: building B's residents are outsiders to it.
/// </summary>
public sealed class IsolationEstate
{
    public required World World { get; init; }
    public required IReadOnlyDictionary<string, object> Ids { get; init; }
    /// <summary>Strings that only this estate's data holds (names, emails, IBAN): an intruder's results must contain none.</summary>
    public required IReadOnlyList<string> Markers { get; init; }
    public required Actor OwnerC { get; init; }
    public required Actor TenantB { get; init; }
    public required Actor BoardMemberB { get; init; }
    public required string Iban { get; init; }
    /// <summary>The account learnt for owner A.</summary>
    public const string OwnerAccountIban = "BE71096123456769";

    public static async Task<IsolationEstate> CreateAsync(DatabaseFixture fx, CancellationToken ct)
    {
        var w = await World.CreateAsync(fx, ct);
        var s = w.Syndic;
        var ids = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
        {
            ["organisationId"] = w.OrganisationId,
            ["buildingId"] = w.BuildingA,
            ["unitId"] = w.UnitA1,
            ["ownerId"] = w.OwnerA,
        };
        static T Ok<T>(Result<T> r) => r.Succeeded ? r.Value : throw new InvalidOperationException("seeding failed: " + r.FirstError?.Code);
        static void Done(Result r)
        {
            if (!r.Succeeded)
                throw new InvalidOperationException("seeding failed: " + r.FirstError?.Code);
        }

        // a third co-owner in building A (900 shares, so the lots add up to 1,000 and calls can go out)
        var buildings = fx.Get<IBuildingService>();
        var owners = fx.Get<IOwnerService>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var c9 = Ok(await buildings.CreateUnitAsync(s, w.BuildingA, new UnitInput { Number = "A9", Shares = 900 }, ct));
        var ownerC = Ok(await owners.CreateAsync(s, w.OrganisationId, new OwnerInput { FirstName = "Chloé", LastName = $"Cenvictim{suffix}", Email = $"chloe-{suffix}@victim.example" }, ct));
        Done(await owners.SaveOwnershipsAsync(s, c9, new ChangeOwnershipInput { EffectiveDate = new DateOnly(2020, 1, 1), Lines = [new() { OwnerId = ownerC, IsPrimaryContact = true }] }, ct));
        var ownerActorC = await World.UserAsync(fx, $"owner-c-{suffix}@victim.example", [new Grant(Role.Owner, w.OrganisationId, OwnerId: ownerC)], ct);
        var tenantB = await World.UserAsync(fx, $"tenant-b-{suffix}@example.be", [new Grant(Role.Tenant, w.OrganisationId, w.BuildingB)], ct);
        var boardB = await World.UserAsync(fx, $"board-b-{suffix}@example.be", [new Grant(Role.BoardMember, w.OrganisationId, w.BuildingB)], ct);

        // books: a year, a sub-account, a posted entry, a supplier, a key, a draft invoice
        var accounting = fx.Get<IAccountingService>();
        var fiscalYearService = fx.Get<IFiscalYearService>();
        var chartService = fx.Get<IChartService>();
        var year = Ok(await fiscalYearService.OpenNextFiscalYearAsync(s, w.BuildingA, ct));
        ids["fiscalYearId"] = year.Id;
        var chart = Ok(await chartService.ChartAsync(s, w.OrganisationId, "fr-BE", ct)).ToDictionary(a => a.Code, a => a.Id);
        ids["chargeAccount"] = chart["610"];
        ids["bankAccount"] = chart["551"];
        ids["accountId"] = Ok(await chartService.AddAccountAsync(s, w.OrganisationId, new AccountInput { Code = "61099", Label = "Victim sub-account" }, ct));
        Ok(await accounting.PostAsync(s, new EntryDraft
        {
            BuildingId = w.BuildingA,
            Date = new DateOnly(2026, 3, 1),
            Description = "Victim entry",
            Lines = [new() { AccountId = chart["610"], Debit = 100m }, new() { AccountId = chart["551"], Credit = 100m }],
        }, ct));
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(ct))
            ids["entryId"] = await db.JournalEntries.Where(e => e.BuildingId == w.BuildingA).Select(e => e.Id).FirstAsync(ct);
        var supplier = Ok(await fx.Get<ISupplierService>().SaveAsync(s, w.OrganisationId, null, new SupplierInput { Name = $"Victim Supplier {suffix}" }, ct));
        ids["supplierId"] = supplier;
        var invoices = fx.Get<IInvoiceService>();
        Ok(await invoices.CreateKeyAsync(s, w.BuildingA, new DistributionKeyInput { Name = "Victim key", Weights = { [w.UnitA1] = 1m } }, ct));
        ids["invoiceId"] = Ok(await invoices.SaveDraftAsync(s, w.BuildingA, null, new InvoiceInput
        {
            SupplierId = supplier,
            Number = "V-1",
            InvoiceDate = new DateOnly(2026, 3, 1),
            DueDate = new DateOnly(2026, 3, 31),
            DeclaredTotal = 121m,
            Lines = [new() { Description = "Victim work", AccountId = chart["610"], AmountExclVat = 100m, VatRate = 21m }],
        }, ct));

        // calls: a draft, and a sent one whose lines are open (a reminder on one of them)
        var calls = fx.Get<ICallService>();
        CallInput Call(string title) => new() { Title = title, CallDate = new DateOnly(2026, 4, 1), DueDate = new DateOnly(2026, 4, 30), Ordinary = 1000m };
        ids["callId"] = Ok(await calls.SaveDraftAsync(s, w.BuildingA, null, Call("Victim draft call"), ct));
        var sent = Ok(await calls.SaveDraftAsync(s, w.BuildingA, null, Call("Victim sent call"), ct));
        Done(await fx.Get<ICallSendingService>().SendAsync(s, sent, ct));
        var line = Ok(await calls.GetAsync(s, sent, ct)).Lines.First(l => l.OwnerId == w.OwnerA);
        ids["callLineId"] = line.Id;
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(ct))
        {
            var reminder = Reminder.Issue(line.Id, w.OwnerA, w.BuildingA, ReminderLevel.FormalNotice, new DateOnly(2026, 7, 1), 60, line.Total, 0m, 0m);
            db.Reminders.Add(reminder);
            await db.SaveChangesAsync(ct);
            ids["reminderId"] = reminder.Id;
        }
        // a payment that reached the reserve account for the working part: a transfer is due
        ids["paymentId"] = Ok(await fx.Get<IPaymentService>().RecordPaymentAsync(s, w.BuildingA, new PaymentInput { OwnerId = w.OwnerA, Date = new DateOnly(2026, 4, 15), Amount = 10m, Account = Fund.Reserve }, ct));
        var iban = (await buildings.GetAsync(s, w.BuildingA, ct)).Value.Building.WorkingFundIban!;
        Ok(await fx.Get<IBankImportService>().ImportCodaAsync(s, "victim.cod",
            CodaFile.Build(iban, new DateOnly(2026, 5, 2), [new CodaFile.Move(42m, Free: "sans communication", Name: "Victim Payer")]), ct));
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(ct))
        {
            ids["transactionId"] = await db.BankTransactions.Where(t => t.BuildingId == w.BuildingA).Select(t => t.Id).FirstAsync(ct);
            // an account the reconciliation learnt for the owner
            db.Set<OwnerBankAccount>().Add(OwnerBankAccount.Learn(w.OwnerA, OwnerAccountIban, fx.Clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }

        // the year's statement of charges, as a draft
        ids["settlementId"] = Ok(await fx.Get<IYearSettlementService>().PrepareAsync(s, year.Id, ct)).Id;

        // a budget
        ids["budgetId"] = Ok(await fx.Get<IBudgetService>().SaveDraftAsync(s, w.BuildingA, null, new BudgetInput
        {
            FiscalYearId = year.Id,
            Reserve = 100m,
            Lines = [new() { AccountId = chart["610"], Amount = 1200m }],
        }, ct));

        // community: poll, resource and booking, object and loan, notice and comment, skill and exchange
        var poll = Ok(await fx.Get<IPollService>().CreateAsync(s, w.BuildingA, new PollInput { Title = "Victim poll", Type = PollType.YesNo, EndsAt = fx.Clock.GetUtcNow().AddDays(7) }, ct));
        Done(await fx.Get<IPollService>().PublishAsync(s, poll, ct));
        ids["pollId"] = poll;
        ids["pollOption"] = Ok(await fx.Get<IPollService>().GetAsync(s, poll, ct)).Options[0].Id;
        var bookings = fx.Get<IBookingService>();
        var room = Ok(await bookings.SaveResourceAsync(s, w.BuildingA, null, new ResourceInput { Name = "Victim room" }, ct));
        ids["resourceId"] = room;
        var start = new DateTimeOffset(BusinessTime.Today(fx.Clock).AddDays(3).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(1));
        ids["bookingId"] = Ok(await bookings.BookAsync(w.OwnerActorA, room, new BookingInput { StartsAt = start, EndsAt = start.AddHours(1), Note = "Victim note" }, ct));
        var library = fx.Get<ILibraryService>();
        var drill = Ok(await library.OfferAsync(w.OwnerActorA, w.BuildingA, null, new SharedObjectInput { Name = "Victim drill" }, ct));
        ids["objectId"] = drill;
        ids["loanId"] = Ok(await library.RequestAsync(ownerActorC, drill, "Victim loan message", ct));
        var noticeService = fx.Get<INoticeService>();
        var notice = Ok(await noticeService.SaveAsync(w.OwnerActorA, w.BuildingA, null, new NoticeInput { Category = NoticeCategory.ForSale, Title = "Victim notice", Body = "Victim body", Price = 5m }, ct));
        Done(await noticeService.PublishAsync(w.OwnerActorA, notice, ct));
        ids["noticeId"] = notice;
        var comment = Ok(await noticeService.CommentAsync(ownerActorC, w.BuildingA, notice, null, "Victim comment", ct));
        ids["commentId"] = comment;
        ids["parentId"] = comment;
        var skills = fx.Get<ISkillService>();
        var skill = Ok(await skills.SaveAsync(w.OwnerActorA, w.BuildingA, null, new SkillInput { Title = "Victim plumbing", Description = "Victim skill" }, ct));
        ids["skillId"] = skill;
        ids["exchangeId"] = Ok(await skills.RequestServiceAsync(ownerActorC, skill, 1m, "Victim exchange", ct));

        // a general assembly, convened, with its agenda, a proxy and an owner present
        var assemblies = fx.Get<IAssemblyService>();
        var meeting = Ok(await assemblies.CreateAsync(s, w.BuildingA, new MeetingInput { StartsAt = fx.Clock.GetUtcNow().AddDays(30), Place = "Victim hall" }, ct));
        ids["meetingId"] = meeting;
        ids["agendaItemId"] = Ok(await assemblies.AddItemAsync(s, meeting, new AgendaItemInput { Title = "Victim assembly item" }, ct));
        Done(await assemblies.ConveneAsync(s, meeting, ct));
        ids["proxyId"] = Ok(await fx.Get<IAssemblySessionService>().GrantProxyAsync(s, meeting, new ProxyInput { GrantorOwnerId = ownerC, HolderOwnerId = w.OwnerA }, ct));
        Done(await fx.Get<IAssemblySessionService>().ArriveAsync(s, meeting, w.OwnerA, AttendanceMode.InPerson, ct));
        // an owner's proposal for the agenda and a request for an assembly (after the convocation: a proposal due for it would stop it)
        var requests = fx.Get<IOwnerRequestService>();
        ids["proposalId"] = Ok(await requests.ProposeAsync(w.OwnerActorA, w.BuildingA, new ProposalInput { Title = "Victim proposal", Text = "Victim proposal text" }, ct));
        ids["requestId"] = Ok(await requests.OpenRequestAsync(w.OwnerActorA, w.BuildingA, "Victim request", ct));
        ids["procedureId"] = Ok(await fx.Get<IWrittenDecisionService>().OpenAsync(s, w.BuildingA, new WrittenProcedureInput
        {
            Title = "Victim written decision",
            Text = "Victim written text",
            LastDay = BusinessTime.Today(fx.Clock).AddDays(20),
            NoNotarialDeed = true,
        }, ct));

        // an installation with a planned inspection
        var inspections = fx.Get<IInspectionService>();
        ids["equipmentId"] = Ok(await inspections.SaveEquipmentAsync(s, w.BuildingA, null, new EquipmentInput { Kind = EquipmentKind.Lift, Name = "Victim lift" }, ct));
        ids["inspectionId"] = Ok(await inspections.ScheduleAsync(s, w.BuildingA,
            new ScheduleInspectionInput { Type = InspectionType.Lift, EquipmentId = (Guid)ids["equipmentId"], ScheduledOn = BusinessTime.Today(fx.Clock), Inspector = "Victim inspector" }, ct));

        // a problem a co-owner reported, not yet given to anyone
        ids["ticketId"] = Ok(await fx.Get<ITicketService>().ReportAsync(w.OwnerActorA, w.BuildingA,
            new TicketInput { Category = TicketCategory.Leak, Title = "Victim leak", Description = "Victim ceiling stain" }, ct));
        // a warranty of works in its logbook
        ids["warrantyId"] = Ok(await fx.Get<ILogbookService>().AddWarrantyAsync(s, w.BuildingA,
            new WarrantyInput { Subject = "Victim roof", Contractor = "Victim roofer", AcceptedOn = BusinessTime.Today(fx.Clock), Kind = WarrantyKind.TenYears }, ct));

        // a notary's request on the sale of lot A1, and a dispute in the building's register
        var notary = fx.Get<INotaryService>();
        ids["notaryRequestId"] = Ok(await notary.ReceiveAsync(s, w.BuildingA, new NotaryRequestInput
        {
            UnitId = w.UnitA1,
            ReceivedOn = BusinessTime.Today(fx.Clock),
            NotaryName = "Victim notary",
            NotaryEmail = $"notaire-{suffix}@victim.example",
        }, ct));
        ids["caseId"] = Ok(await notary.SaveCaseAsync(s, w.BuildingA, null, new LegalCaseInput
        {
            Subject = "Victim dispute",
            Counterparty = "Victim neighbour",
            OpenedOn = BusinessTime.Today(fx.Clock),
        }, ct));

        // a document, a notification, a membership, an offered role, the accountant's account
        ids["fileId"] = Ok(await fx.Get<IFileService>().UploadBuildingDocumentAsync(s, w.BuildingA, new MemoryStream("%PDF-1.7 victim"u8.ToArray()), "victim-statuts.pdf", ct));
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(ct))
        {
            ids["notificationId"] = await db.Notifications.Where(n => n.UserId == w.OwnerActorA.UserId).Select(n => n.Id).FirstAsync(ct);
            ids["membershipId"] = await db.Memberships.Where(m => m.UserId == w.Accountant.UserId).Select(m => m.Id).FirstAsync(ct);
        }
        var tenantEmail = await EmailAsync(fx, w.TenantA.UserId!, ct);
        Ok(await fx.Get<IUserAdminService>().GrantAsync(s, new GrantRoleInput { Email = tenantEmail, DisplayName = "T", OrganisationId = w.OrganisationId, Role = Role.Accountant }, ct));
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(ct))
            ids["invitationId"] = await db.Set<RoleInvitation>().Where(i => i.OrganisationId == w.OrganisationId).Select(i => i.Id).FirstAsync(ct);
        ids["userId"] = w.Accountant.UserId!;

        var markers = new List<string>
        {
            $"Cenvictim{suffix}", $"chloe-{suffix}@victim.example", $"Victim Supplier {suffix}", "Victim entry", "Victim hall", "Victim assembly item", "Victim draft call", "Victim sent call",
            "Victim poll", "Victim room", "Victim note", "Victim drill", "Victim loan message", "Victim notice", "Victim comment", "Victim plumbing",
            "victim-statuts", "Victim work", "Victim proposal", "Victim request", "Victim written", "Victim lift", "Victim inspector", "Victim leak", "Victim ceiling", "Victim sub-account", "Victim notary", "Victim dispute", "Victim neighbour", iban,
            await EmailAsync(fx, w.Accountant.UserId!, ct), await EmailAsync(fx, w.Syndic.UserId!, ct),
        };
        foreach (var id in ids.Values)
            markers.Add(id.ToString()!);
        // a line of the rule table: the product's (the SuperAdmin's), every staff member reads it — not a marker
        ids["ruleId"] = Ok(await inspections.RulesAsync(s, ct)).First().Id;
        return new IsolationEstate
        {
            World = w,
            Ids = ids,
            Markers = markers.Distinct().ToList(),
            OwnerC = ownerActorC,
            TenantB = tenantB,
            BoardMemberB = boardB,
            Iban = iban,
        };
    }

    private static async Task<string> EmailAsync(DatabaseFixture fx, string userId, CancellationToken ct)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email!).FirstAsync(ct);
    }
}

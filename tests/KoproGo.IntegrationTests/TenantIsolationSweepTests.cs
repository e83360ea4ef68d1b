using System.Reflection;
using System.Text.Json;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Bookings;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Inspections;
using KoproGo.Core.Features.Library;
using KoproGo.Core.Features.Logbook;
using KoproGo.Core.Features.Notary;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Polls;
using KoproGo.Core.Features.Privacy;
using KoproGo.Core.Features.Skills;
using KoproGo.Core.Features.Tickets;
using KoproGo.Core.Features.UserAccounts;
using Npgsql;

namespace KoproGo.IntegrationTests;

/// <summary>
/// The isolation rule of SPEC §1.1 for every service method, found by reflection so that a new method is covered by
/// default: each public method of each I*Service (and the accounting reports and exports) of Core is called as every
/// role of another organisation, and as the residents of the other building of the same organisation, with the ids of
/// an <see cref="IsolationEstate"/>. A call that names the estate's data must be refused (not found or forbidden); a
/// call about the caller's own things may succeed but must return none of the estate's data; nothing of the estate
/// may change. A parameter the sweep cannot fill fails the test: extend <see cref="Argument"/> rather than skip it.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class TenantIsolationSweepTests(DatabaseFixture fx, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Methods without an actor, on purpose: who may call them is decided by what they are given.</summary>
    private static readonly Dictionary<string, string> WithoutActor = new()
    {
        ["IBuildingService.GetPublicAsync"] = "the building's public page (Civil Code Art. 3.89), by slug, without sign-in",
        ["IInvitationService.PreviewAsync"] = "the invitation link's page: the single-use token is the authority",
        ["IInvitationService.AcceptAsync"] = "creates the account of the invited owner: the single-use token is the authority",
        ["IWorkReportLinkService.OpenAsync"] = "the work-report link's page, for a contractor without an account: the single-use token is the authority",
        ["IWorkReportLinkService.SubmitAsync"] = "files the work report of the link's ticket: the single-use token is the authority",
        ["ITwoFactorService.CheckCodeAsync"] = "the sign-in second step, for the user Identity is signing in",
        ["ITwoFactorService.CheckBackupCodeAsync"] = "the sign-in second step, for the user Identity is signing in",
        ["ITwoFactorService.LockedUntilAsync"] = "the sign-in second step, for the user Identity is signing in",
    };

    public static IEnumerable<(Type Service, MethodInfo Method)> ServiceMethods() =>
        typeof(Actor).Assembly.GetTypes()
            .Where(t => t is { IsInterface: true, IsPublic: true } && t.Name.StartsWith('I') && (t.Name.EndsWith("Service", StringComparison.Ordinal)
                        || t.Name.EndsWith("Reports", StringComparison.Ordinal) || t.Name.EndsWith("Exports", StringComparison.Ordinal)))
            .SelectMany(t => t.GetMethods().Select(m => (t, m)))
            .OrderBy(x => x.t.Name).ThenBy(x => x.m.Name).ThenBy(x => x.m.GetParameters().Length);

    /// <summary>Takes another service's unit of work (an IKoproGoDb): runs inside a use case that authorised the actor already.</summary>
    private static bool RunsInsideAnotherUseCase(MethodInfo m) => m.GetParameters().Any(p => p.ParameterType == typeof(IKoproGoDb));

    private static string NameOf(Type service, MethodInfo m) => $"{service.Name}.{m.Name}";

    [Fact]
    public async Task EveryServiceMethod_AsEveryRoleOfAnotherOrganisation_IsRefusedOrSeesNothing()
    {
        var victim = await IsolationEstate.CreateAsync(fx, Ct);
        var other = await World.CreateAsync(fx, Ct);
        await SweepAsync(victim, new Dictionary<string, Actor>
        {
            ["syndic of another organisation"] = other.Syndic,
            ["accountant of another organisation"] = other.Accountant,
            ["board member of another organisation"] = other.BoardMemberA,
            ["owner of another organisation"] = other.OwnerActorA,
            ["tenant of another organisation"] = other.TenantA,
            ["contractor of another organisation"] = other.Contractor,
        });
    }

    [Fact]
    public async Task EveryServiceMethod_AsTheResidentsOfTheOtherBuilding_IsRefusedOrSeesNothing()
    {
        var victim = await IsolationEstate.CreateAsync(fx, Ct);
        var w = victim.World;
        await SweepAsync(victim, new Dictionary<string, Actor>
        {
            ["owner of building B"] = w.OwnerActorB,
            ["tenant of building B"] = victim.TenantB,
            ["board member of building B"] = victim.BoardMemberB,
            ["contractor of the organisation"] = w.Contractor,
        }, sameOrganisation: true);
    }

    [Fact]
    public void EveryServiceMethodWithoutAnActor_IsListedWithItsReason()
    {
        var found = ServiceMethods().Where(x => !RunsInsideAnotherUseCase(x.Method) && x.Method.GetParameters().All(p => p.ParameterType != typeof(Actor)))
            .Select(x => NameOf(x.Service, x.Method)).Distinct().Order().ToList();
        Assert.Equal(WithoutActor.Keys.Order().ToList(), found);
    }

    private async Task SweepAsync(IsolationEstate victim, IReadOnlyDictionary<string, Actor> intruders, bool sameOrganisation = false)
    {
        var before = await EstateRowsAsync(victim);
        // the residents of building B share the organisation: its id is theirs too
        var markers = sameOrganisation ? victim.Markers.Where(m => m != victim.World.OrganisationId.ToString()).ToList() : victim.Markers;
        var leaks = new List<string>();
        var calls = 0;
        var methods = ServiceMethods().ToList();
        foreach (var (service, method) in methods)
        {
            if (RunsInsideAnotherUseCase(method) || method.GetParameters().All(p => p.ParameterType != typeof(Actor)))
                continue;
            var instance = fx.Services.GetService(service) ?? throw new InvalidOperationException($"{service.Name} is not registered");
            foreach (var (role, intruder) in intruders)
            {
                var namesEstate = false;
                var args = method.GetParameters().Select(p => Argument(method, p, intruder, victim, ref namesEstate)).ToArray();
                calls++;
                string? verdict;
                try
                {
                    var task = (Task)method.Invoke(instance, args)!;
                    await task;
                    var value = task.GetType().GetProperty("Result")?.GetValue(task);
                    verdict = Judge(value, namesEstate, markers);
                }
                catch (Exception e)
                {
                    verdict = "threw " + (e is TargetInvocationException t ? t.InnerException : e)!.GetType().Name;
                }
                if (verdict is not null)
                    leaks.Add($"{NameOf(service, method)} as {role}: {verdict}");
            }
        }
        var after = await EstateRowsAsync(victim);
        var changed = before.Except(after).Concat(after.Except(before)).Distinct().ToList();
        output.WriteLine($"{methods.Count} service methods, {methods.Count(m => RunsInsideAnotherUseCase(m.Method))} inside other use cases, " +
                         $"{WithoutActor.Count} without an actor; {calls} calls as {intruders.Count} intruders; {leaks.Count} leaks, {changed.Count} rows of the estate changed");
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
        Assert.True(changed.Count == 0, "the estate changed:" + Environment.NewLine + string.Join(Environment.NewLine, changed.Take(20)));
    }

    /// <summary>Null when the outcome is right; otherwise what went wrong.</summary>
    private static string? Judge(object? value, bool namesEstate, IReadOnlyList<string> markers)
    {
        if (value is Result result)
        {
            if (!result.Succeeded)
                return !namesEstate || result.FirstError!.Kind is ErrorKind.NotFound or ErrorKind.Forbidden ? null : "refused only as " + result.FirstError!.Code;
            if (namesEstate)
                return "succeeded";
            value = result.GetType().GetProperty("Value")?.GetValue(result);
        }
        var text = Serialise(value);
        var marker = markers.FirstOrDefault(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
        return marker is null ? null : $"returned the estate's \"{marker}\"";
    }

    private static string Serialise(object? value)
    {
        if (value is null)
            return "";
        if (value is byte[] bytes)
            return System.Text.Encoding.UTF8.GetString(bytes);
        try
        {
            return JsonSerializer.Serialize(value, new JsonSerializerOptions { ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles, MaxDepth = 64 });
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
        {
            return value.ToString() ?? "";
        }
    }

    /// <summary>
    /// A valid value for one parameter: the estate's id for an id (by the parameter's name), a well-formed input that
    /// points into the estate, harmless values for the rest. <paramref name="namesEstate"/> says the call is about the estate.
    /// </summary>
    private object? Argument(MethodInfo method, ParameterInfo p, Actor intruder, IsolationEstate v, ref bool namesEstate)
    {
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        var name = p.Name!;
        Guid Id(string key)
        {
            return (Guid)v.Ids[key];
        }
        if (type == typeof(Actor)) return intruder;
        if (type == typeof(CancellationToken)) return Ct;
        if (type == typeof(Guid))
        {
            if (!v.Ids.TryGetValue(name, out var id))
                throw new InvalidOperationException($"the sweep has no id for a parameter named '{name}': add one to IsolationEstate");
            namesEstate = true;
            return id;
        }
        if (type == typeof(string))
        {
            switch (name)
            {
                case "userId":
                    namesEstate = true;
                    return v.Ids["userId"];
                case "content":
                    namesEstate = true;     // a bank file of the estate's account
                    return method.Name.Contains("Csv", StringComparison.Ordinal)
                        ? $"compte;date;montant;communication\r\n{v.Iban};03/05/2026;7,00;intruder\r\n"
                        : CodaFile.Build(v.Iban, new DateOnly(2026, 5, 3), [new CodaFile.Move(7m, Free: "intruder")]);
                case "iban":
                    namesEstate = true;
                    return IsolationEstate.OwnerAccountIban;
                case "culture": return "fr-BE";
                case "search": return null;     // no filter: everything the method would show

                case "password": return "not-the-password";
                case "fileName": return "intruder.cod";
                case "contractorUserId":
                    namesEstate = true;     // the organisation's contractor, for the estate's ticket
                    return v.World.Contractor.UserId;
                case "token" or "code" or "reason" or "body" or "message" or "description" or "trackingNumber" or "newEmail" or "text" or "note":
                    return name == "newEmail" ? "intruder@example.be" : "intruder";
            }
            throw new InvalidOperationException($"the sweep has no value for string '{name}'");
        }
        if (type == typeof(Stream)) return new MemoryStream("%PDF-1.7 intruder"u8.ToArray());
        if (type == typeof(bool)) return true;
        if (type == typeof(int)) return 1;
        if (type == typeof(decimal)) return 1m;
        if (type == typeof(DateOnly)) return new DateOnly(2026, 6, 1);
        if (type == typeof(DateTimeOffset)) return name == "to" ? fx.Clock.GetUtcNow().AddDays(7) : fx.Clock.GetUtcNow();
        if (type.IsEnum) return p.ParameterType != type ? null : Enum.GetValues(type).GetValue(0);
        if (p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Func<,,>)) return null;
        if (type == typeof(PageRequest)) return new PageRequest();
        if (type == typeof(JournalQuery)) return new JournalQuery();
        if (type == typeof(SkillQuery)) return new SkillQuery();
        if (type == typeof(IReadOnlyList<NotificationPreference>)) return Array.Empty<NotificationPreference>();
        if (type == typeof(ReportPeriod))
        {
            namesEstate = true;
            return new ReportPeriod(Id("buildingId"), Id("fiscalYearId"));
        }
        var input = Sample(type, v, Id);
        if (input is null)
            throw new InvalidOperationException($"the sweep has no sample for {type.Name} ('{name}'): add one to Sample");
        namesEstate |= input.Value.NamesEstate;
        return input.Value.Value;
    }

    /// <summary>A well-formed input of each kind the services take; those holding the estate's ids say so.</summary>
    private (object Value, bool NamesEstate)? Sample(Type type, IsolationEstate v, Func<string, Guid> id)
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var today = BusinessTime.Today(fx.Clock);
        var start = fx.Clock.GetUtcNow().AddDays(3);
        return type.Name switch
        {
            nameof(BuildingInput) => (new BuildingInput { Name = "Intruder", Street = "Rue 1", PostalCode = "1000", City = "Bruxelles", Slug = "intruder-" + unique }, false),
            nameof(UnitInput) => (new UnitInput { Number = "Z" + unique[..3], Shares = 1 }, false),
            nameof(OwnerInput) => (new OwnerInput { LastName = "Intruder" }, false),
            nameof(ChangeOwnershipInput) => (new ChangeOwnershipInput { EffectiveDate = today, Lines = [new() { OwnerId = id("ownerId"), IsPrimaryContact = true }] }, true),
            nameof(OrganisationInput) => (new OrganisationInput { Name = "Intruder " + unique, ContactEmail = $"i-{unique}@example.be" }, false),
            nameof(GrantRoleInput) => (new GrantRoleInput { Email = $"new-{unique}@example.be", DisplayName = "New", OrganisationId = id("organisationId"), Role = Role.Accountant }, true),
            nameof(ChangeEmailInput) => (new ChangeEmailInput { UserId = (string)v.Ids["userId"], Email = $"moved-{unique}@example.be" }, true),
            nameof(ChangePasswordInput) => (new ChangePasswordInput { CurrentPassword = "not-the-password", NewPassword = "Lantern-Orbit-77", ConfirmPassword = "Lantern-Orbit-77" }, false),
            nameof(RectificationInput) => (new RectificationInput { DisplayName = "Intruder" }, false),
            nameof(SupplierInput) => (new SupplierInput { Name = "Intruder supplier" }, false),
            nameof(AccountInput) => (new AccountInput { Code = "61098", Label = "Intruder" }, false),
            nameof(YearEndInput) => (new YearEndInput(), false),
            nameof(EntryDraft) => (new EntryDraft
            {
                BuildingId = id("buildingId"),
                Date = new DateOnly(2026, 6, 1),
                Description = "Intruder",
                Lines = [new() { AccountId = id("chargeAccount"), Debit = 1m }, new() { AccountId = id("bankAccount"), Credit = 1m }],
            }, true),
            nameof(DistributionKeyInput) => (new DistributionKeyInput { Name = "Intruder", Weights = { [id("unitId")] = 1m } }, true),
            nameof(InvoiceInput) => (new InvoiceInput
            {
                SupplierId = id("supplierId"),
                Number = "I-" + unique,
                InvoiceDate = new DateOnly(2026, 6, 1),
                DueDate = new DateOnly(2026, 6, 30),
                DeclaredTotal = 12.1m,
                Lines = [new() { Description = "x", AccountId = id("chargeAccount"), AmountExclVat = 10m, VatRate = 21m }],
            }, true),
            nameof(CallInput) => (new CallInput { Title = "Intruder", CallDate = new DateOnly(2026, 6, 1), DueDate = new DateOnly(2026, 6, 30), Ordinary = 10m }, false),
            nameof(PaymentInput) => (new PaymentInput { OwnerId = id("ownerId"), Date = new DateOnly(2026, 6, 1), Amount = 1m }, true),
            nameof(BudgetInput) => (new BudgetInput { FiscalYearId = id("fiscalYearId"), Lines = [new() { AccountId = id("chargeAccount"), Amount = 10m }] }, true),
            nameof(BudgetVoteInput) => (new BudgetVoteInput { AssemblyDate = new DateOnly(2026, 3, 1), Reference = "PV" }, false),
            nameof(PollInput) => (new PollInput { Title = "Intruder", Type = PollType.YesNo, EndsAt = fx.Clock.GetUtcNow().AddDays(5) }, false),
            nameof(VoteInput) => (new VoteInput { OptionIds = [id("pollOption")] }, true),
            nameof(ResourceInput) => (new ResourceInput { Name = "Intruder room" }, false),
            nameof(BookingInput) => (new BookingInput { StartsAt = start, EndsAt = start.AddHours(1) }, false),
            nameof(SharedObjectInput) => (new SharedObjectInput { Name = "Intruder object" }, false),
            nameof(NoticeInput) => (new NoticeInput { Category = NoticeCategory.ForSale, Title = "Intruder", Body = "x", Price = 1m }, false),
            nameof(SkillInput) => (new SkillInput { Title = "Intruder skill" }, false),
            nameof(MeetingInput) => (new MeetingInput { StartsAt = fx.Clock.GetUtcNow().AddDays(40), Place = "Intruder hall" }, false),
            nameof(AgendaItemInput) => (new AgendaItemInput { Title = "Intruder item" }, false),
            nameof(ProxyInput) => (new ProxyInput { GrantorOwnerId = v.World.OwnerB, HolderOwnerId = id("ownerId") }, true),
            nameof(BallotInput) => (new BallotInput { OwnerId = id("ownerId"), Vote = Vote.For }, true),
            nameof(BureauInput) => (new BureauInput { PresidentOwnerId = id("ownerId") }, true),
            nameof(AssemblySettingsInput) => (new AssemblySettingsInput { PeriodMonth = 6, PeriodDay = 1 }, false),
            nameof(ProposalInput) => (new ProposalInput { Title = "Intruder proposal" }, false),
            nameof(WrittenProcedureInput) => (new WrittenProcedureInput { Title = "Intruder", Text = "x", LastDay = BusinessTime.Today(fx.Clock).AddDays(10), NoNotarialDeed = true }, false),
            nameof(WrittenAnswerInput) => (new WrittenAnswerInput { OwnerId = id("ownerId"), Agrees = false }, true),
            nameof(TicketInput) => (new TicketInput { Title = "Intruder ticket", Description = "x" }, false),
            nameof(WorkReportInput) => (new WorkReportInput { WorkDone = "Intruder work", StartedAt = start, EndedAt = start.AddHours(1), Hours = 1m }, false),
            nameof(TriageInput) => (new TriageInput { Priority = TicketPriority.High }, false),
            nameof(WarrantyInput) => (new WarrantyInput { Subject = "Intruder roof", Contractor = "Intruder", AcceptedOn = today }, false),
            nameof(WorkReportLinkInput) => (new WorkReportLinkInput { ContractorName = "Intruder plumbing", Email = "plombier@intruder.example" }, false),
            nameof(EquipmentInput) => (new EquipmentInput { Kind = EquipmentKind.FireEquipment, Name = "Intruder extinguishers" }, false),
            nameof(ScheduleInspectionInput) => (new ScheduleInspectionInput { Type = InspectionType.Lift, EquipmentId = id("equipmentId"), ScheduledOn = today }, true),
            nameof(InspectionResultInput) => (new InspectionResultInput { Passed = true, InspectedOn = today, ValidUntil = today.AddYears(1) }, false),
            nameof(InspectionRuleInput) => (new InspectionRuleInput { Type = InspectionType.Gas, PeriodMonths = 12, Source = "Intruder" }, false),
            nameof(NotaryRequestInput) => (new NotaryRequestInput { UnitId = id("unitId"), ReceivedOn = today, NotaryName = "Intruder notary", NotaryEmail = "notaire@intruder.example" }, true),
            nameof(SectionStatementInput) => (new SectionStatementInput { Section = 7, None = true }, false),
            nameof(LegalCaseInput) => (new LegalCaseInput { Subject = "Intruder dispute", Counterparty = "Intruder", OpenedOn = today }, false),
            _ => null,
        };
    }

    /// <summary>A fingerprint of every row that names the estate's organisation, buildings or people (audit entries aside: refusals are audited).</summary>
    private async Task<List<string>> EstateRowsAsync(IsolationEstate v)
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_entries', 'two_factor_failures')", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct))
                tables.Add(reader.GetString(0));
        var w = v.World;
        var pattern = string.Join('|', new object[] { w.OrganisationId, w.BuildingA, w.BuildingB, w.OwnerA, w.OwnerB, w.Syndic.UserId!, w.Accountant.UserId!, w.OwnerActorA.UserId!, v.OwnerC.UserId! });
        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT md5(t::text) FROM \"{table}\" t WHERE t::text ~* @pattern", conn);
            cmd.Parameters.AddWithValue("pattern", pattern);
            await using var reader = await cmd.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
                rows.Add($"{table}:{reader.GetString(0)}");
        }
        return rows;
    }
}

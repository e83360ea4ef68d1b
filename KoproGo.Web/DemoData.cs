using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Bookings;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Library;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Polls;
using KoproGo.Core.Features.Skills;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Web;

/// <summary>
/// A demo a Belgian syndic recognises: "Syndic Horta" manages a French-speaking building in Saint-Gilles (24 lots,
/// 1,000 shares) and a Dutch-speaking one in Ghent (12 lots, 10,000 shares). Idempotent: does nothing once the
/// organisation exists. Every account's password is <see cref="Password"/>.
/// </summary>
public sealed partial class DemoData(IServiceProvider services, IKoproGoDbFactory dbFactory, UserManager<AppUser> users, TimeProvider clock, ICallService calls, ICallSendingService sending, IPaymentService payments, IInvoiceService invoices, IFileService files, IBudgetService budgets, IAssemblyService assemblies, IAssemblySessionService assemblySession, IPollService polls, IBookingService bookings, ILibraryService library, INoticeService notices, ISkillService skills)
{
    public const string Password = "Demo-KoproGo-2026";
    public const string OrganisationName = "Syndic Horta";

    public static readonly (string Email, string Name, string Language, string Role)[] Accounts =
    [
        ("admin@koprogo.be", "Platform Admin", "en-BE", "SuperAdmin"),
        ("syndic@horta.be", "Sophie Lambert", "fr-BE", "Syndic"),
        ("comptable@horta.be", "Luc Renard", "fr-BE", "Accountant"),
        ("conseil@horta.be", "Anne Claes", "fr-BE", "BoardMember"),
        ("marie.dubois@example.be", "Marie Dubois", "fr-BE", "Owner"),
        ("jan.peeters@example.be", "Jan Peeters", "nl-BE", "Owner"),
        ("locataire@example.be", "Karim Benali", "fr-BE", "Tenant"),
        ("chauffagiste@example.be", "Chauffage Wauters", "fr-BE", "Contractor"),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await db.Organisations.AnyAsync(o => o.Name == OrganisationName, ct))
            return;
        var now = clock.GetUtcNow();
        var start = new DateOnly(2015, 1, 1);

        var horta = Organisation.Create(new OrganisationInput
        {
            Name = OrganisationName,
            EnterpriseNumber = BelgianIdentifierFactory.EnterpriseNumber(08_123_456),
            ContactEmail = "contact@horta.be",
            Phone = "+32 2 538 12 34",
            Address = "Avenue Louise 231, 1050 Ixelles",
            OfficeHours = "Lun–ven 9h–12h et 14h–17h / Ma–vr 9u–12u en 14u–17u",
            EmergencyPhone = "+32 470 12 34 56",
            ApprovalNumber = "IPI 512.345",
        }, now);
        db.Organisations.Add(horta);
        db.Accounts.AddRange(StandardChart.Codes.Select(code => Account.Standard(horta.Id, code)));

        var brussels = Building.Create(horta.Id, new BuildingInput
        {
            Name = "Résidence Horta",
            Street = "Rue Américaine 25",
            PostalCode = "1060",
            City = "Saint-Gilles",
            Region = Region.Brussels,
            EnterpriseNumber = BelgianIdentifierFactory.EnterpriseNumber(08_501_234),
            TotalShares = 1000,
            WorkingFundIban = BelgianIdentifierFactory.Iban(0_012_345_678),
            ReserveFundIban = BelgianIdentifierFactory.Iban(0_012_345_679),
            FiscalYearStartMonth = 1,
            ConstructionYear = 1962,
            Slug = "residence-horta",
            Language = "fr-BE",
            // the reserve account was opened under its own name at the bank (what Verification of Payee checks)
            ReserveFundHolder = "ACP Résidence Horta - Fonds de réserve",
        });
        var ghent = Building.Create(horta.Id, new BuildingInput
        {
            Name = "Residentie Leie",
            Street = "Korenlei 12",
            PostalCode = "9000",
            City = "Gent",
            Region = Region.Flanders,
            EnterpriseNumber = BelgianIdentifierFactory.EnterpriseNumber(08_601_987),
            TotalShares = 10_000,
            WorkingFundIban = BelgianIdentifierFactory.Iban(7_350_012_345),
            ReserveFundIban = BelgianIdentifierFactory.Iban(7_350_012_346),
            FiscalYearStartMonth = 7,
            ConstructionYear = 1998,
            Slug = "residentie-leie",
            Language = "nl-BE",
            InterestStart = InterestStart.DueDate,
            InterestClause = "Statuten, art. 24",
            ProvisionalAcceptance = new DateOnly(1999, 6, 30),
        });
        db.Buildings.AddRange(brussels, ghent);

        // Brussels: 16 apartments (60/55/50/45 per floor level) + 4 parkings + 4 cellars of 20 = 1,000
        var bxUnits = new List<Unit>();
        int[] apartmentShares = [60, 55, 50, 45];
        for (var i = 0; i < 16; i++)
            bxUnits.Add(Unit.Create(brussels.Id, new UnitInput { Number = $"A{i + 1}", Type = UnitType.Apartment, Floor = i / 4, Area = 95 - 10 * (i % 4), Shares = apartmentShares[i % 4] }));
        for (var i = 0; i < 4; i++)
            bxUnits.Add(Unit.Create(brussels.Id, new UnitInput { Number = $"P{i + 1}", Type = UnitType.Parking, Floor = -1, Area = 12.5m, Shares = 20 }));
        for (var i = 0; i < 4; i++)
            bxUnits.Add(Unit.Create(brussels.Id, new UnitInput { Number = $"C{i + 1}", Type = UnitType.Cellar, Floor = -1, Area = 6, Shares = 20 }));
        // Ghent: 10 apartments (9,000…7,000 pattern) + 2 shops of 1,000 = 10,000
        var ghUnits = new List<Unit>();
        int[] ghentShares = [900, 850, 800, 750, 700];
        for (var i = 0; i < 10; i++)
            ghUnits.Add(Unit.Create(ghent.Id, new UnitInput { Number = $"{i / 5 + 1}.{i % 5 + 1:D2}", Type = UnitType.Apartment, Floor = i / 5 + 1, Area = 110 - 8 * (i % 5), Shares = ghentShares[i % 5] }));
        ghUnits.Add(Unit.Create(ghent.Id, new UnitInput { Number = "H1", Type = UnitType.Commercial, Floor = 0, Area = 140, Shares = 1000 }));
        ghUnits.Add(Unit.Create(ghent.Id, new UnitInput { Number = "H2", Type = UnitType.Commercial, Floor = 0, Area = 135, Shares = 1000 }));
        db.Units.AddRange(bxUnits);
        db.Units.AddRange(ghUnits);

        Owner Person(string first, string last, string language, string? email = null, bool consent = false) =>
            Owner.Create(horta.Id, new OwnerInput
            {
                FirstName = first,
                LastName = last,
                PreferredLanguage = language,
                Email = email,
                ConsentsToEmailConvocation = consent,
                Phone = "+32 4" + (70 + last.Length) + " 55 " + (10 + first.Length) + " " + (20 + last.Length),
                PostalAddress = null
            });

        var bxOwners = new List<Owner>
        {
            Person("Marie", "Dubois", "fr-BE", "marie.dubois@example.be", consent: true),
            Person("Pierre", "Lefèvre", "fr-BE", "pierre.lefevre@example.be"), Person("Claire", "Lefèvre", "fr-BE", "claire.lefevre@example.be"),
            Person("Josette", "Mertens", "fr-BE"), Person("Thomas", "Mertens", "fr-BE", "thomas.mertens@example.be"),
            Person("Nadia", "El Amrani", "fr-BE", "nadia.elamrani@example.be", consent: true), Person("Guillaume", "Leroy", "fr-BE"),
            Person("Élodie", "Dupont", "fr-BE", "elodie.dupont@example.be", consent: true), Person("Koen", "Janssens", "nl-BE", "koen.janssens@example.be"),
            Person("Anne", "Claes", "fr-BE", "conseil@horta.be", consent: true), Person("François", "Simon", "fr-BE", "francois.simon@example.be"),
            Person("Sarah", "Goossens", "nl-BE"), Person("Mehmet", "Yilmaz", "fr-BE", "mehmet.yilmaz@example.be"), Person("Julie", "Lambert", "fr-BE"),
            Person("Antoine", "Dubois", "fr-BE"), Person("Chloé", "Laurent", "fr-BE", "chloe.laurent@example.be", consent: true),
            Owner.Create(horta.Id, new OwnerInput { Kind = OwnerKind.Company, CompanyName = "Immo Bruxelles SRL", EnterpriseNumber = BelgianIdentifierFactory.EnterpriseNumber(07_654_321),
                Email = "gestion@immobxl.example.be", PreferredLanguage = "fr-BE" }),
            Person("Roger", "Peeters", "fr-BE"),
        };
        var ghOwners = new List<Owner>
        {
            Person("Jan", "Peeters", "nl-BE", "jan.peeters@example.be", consent: true), Person("An", "De Smet", "nl-BE", "an.desmet@example.be"),
            Person("Pieter", "Vermeulen", "nl-BE"), Person("Els", "Maes", "nl-BE", "els.maes@example.be", consent: true),
            Person("Wim", "Willems", "nl-BE"), Person("Lies", "Claes", "nl-BE", "lies.claes@example.be"), Person("Bart", "Wouters", "nl-BE"),
            Person("Sofie", "Van Damme", "nl-BE", "sofie.vandamme@example.be"), Person("Tom", "Hermans", "nl-BE"), Person("Griet", "Jacobs", "nl-BE"),
            Owner.Create(horta.Id, new OwnerInput { Kind = OwnerKind.Company, CompanyName = "Leie Retail NV", EnterpriseNumber = BelgianIdentifierFactory.EnterpriseNumber(04_123_987),
                Email = "info@leieretail.example.be", PreferredLanguage = "nl-BE" }),
            Person("Dirk", "Mertens", "nl-BE"),
        };
        db.Owners.AddRange(bxOwners);
        db.Owners.AddRange(ghOwners);

        void Own(Unit unit, Owner owner, decimal pct = 100, OwnershipKind kind = OwnershipKind.Full, bool primary = true) =>
            db.Ownerships.Add(Ownership.Start(unit.Id, new OwnershipLine { OwnerId = owner.Id, Percentage = pct, Kind = kind, IsPrimaryContact = primary }, start));

        // Brussels: A1+P1+C1 Marie Dubois; A2 held 60/40 by the Lefèvre couple; A3 split: Josette Mertens usufruct, Thomas bare owner
        Own(bxUnits[0], bxOwners[0]); Own(bxUnits[16], bxOwners[0]); Own(bxUnits[20], bxOwners[0]);
        Own(bxUnits[1], bxOwners[1], 60); Own(bxUnits[1], bxOwners[2], 40, primary: false);
        Own(bxUnits[2], bxOwners[3], 100, OwnershipKind.Usufruct); Own(bxUnits[2], bxOwners[4], 100, OwnershipKind.BareOwnership, primary: false);
        for (var i = 3; i < 16; i++)
            Own(bxUnits[i], bxOwners[i + 2]);
        Own(bxUnits[17], bxOwners[5]); Own(bxUnits[18], bxOwners[7]); Own(bxUnits[19], bxOwners[16]);
        Own(bxUnits[21], bxOwners[5]); Own(bxUnits[22], bxOwners[8]); Own(bxUnits[23], bxOwners[16]);
        for (var i = 0; i < 12; i++)
            Own(ghUnits[i], ghOwners[i]);

        // accounts
        var staffRoles = new Dictionary<string, (Role Role, Guid? Building, Owner? Owner)>
        {
            ["syndic@horta.be"] = (Role.Syndic, null, null),
            ["comptable@horta.be"] = (Role.Accountant, null, null),
            ["conseil@horta.be"] = (Role.BoardMember, brussels.Id, null),    // and co-owner of A8: two roles to switch between
            ["marie.dubois@example.be"] = (Role.Owner, null, bxOwners[0]),
            ["jan.peeters@example.be"] = (Role.Owner, null, ghOwners[0]),
            ["locataire@example.be"] = (Role.Tenant, brussels.Id, null),
            ["chauffagiste@example.be"] = (Role.Contractor, null, null),
        };
        foreach (var (email, name, language, role) in Accounts)
        {
            var user = users.NewUser(email, name, language, now, emailConfirmed: true);
            user.IsSuperAdmin = role == "SuperAdmin";
            user.PasswordHash = users.PasswordHasher.HashPassword(user, Password);
            db.Users.Add(user);
            if (staffRoles.TryGetValue(email, out var grant))
            {
                db.Memberships.Add(Membership.Create(user.Id, horta.Id, grant.Role, now, grant.Building, grant.Owner?.Id));
                grant.Owner?.LinkUser(user.Id);
            }
            if (bxOwners.FirstOrDefault(o => o.Email == email && o.UserId is null && grant.Owner is null) is { } alsoOwner)
            {
                db.Memberships.Add(Membership.Create(user.Id, horta.Id, Role.Owner, now, ownerId: alsoOwner.Id));
                alsoOwner.LinkUser(user.Id);
            }
        }
        db.Audit(Actor.System, clock, "demo.seeded", nameof(Organisation), horta.Id, horta.Id);
        await db.SaveChangesAsync(ct);
        await SeedLedgerAsync(horta.Id, brussels, ct);
        await SeedPollsAsync(horta.Id, brussels.Id, bxOwners.Select(o => o.Id).ToList(), ct);
        await SeedBookingsAsync(horta.Id, brussels.Id, bxOwners.Select(o => o.Id).ToList(), ct);
        await SeedLibraryAsync(horta.Id, brussels.Id, bxOwners.Select(o => o.Id).ToList(), ct);
        await SeedNoticesAsync(horta.Id, brussels.Id, bxOwners, ct);
        await SeedSkillsAsync(horta.Id, brussels.Id, bxOwners.Select(o => o.Id).ToList(), ct);
        await SeedAssemblyAsync(brussels.Id, bxOwners.Select(o => o.Id).ToList(), ct);
        await SeedInspectionsAsync(brussels.Id, ct);
        await SeedTicketsAsync(brussels.Id, ct);
        await SeedNotaryAsync(brussels.Id, ct);
    }

    /// <summary>Résidence Horta's next ordinary assembly, convened five weeks ahead, with its usual agenda and two proxies already in.</summary>
    private async Task SeedAssemblyAsync(Guid buildingId, IReadOnlyList<Guid> owners, CancellationToken ct)
    {
        var day = clock.Today().AddDays(35);
        var meeting = await assemblies.CreateAsync(Actor.System, buildingId, new MeetingInput
        {
            Kind = MeetingKind.Ordinary,
            StartsAt = BusinessTime.ToUtc(day, new TimeOnly(19, 0)),
            Place = "Salle polyvalente, rez-de-chaussée, Avenue Louise 231",
            RemoteLink = "https://meet.koprogo.example/horta-ag",
            IdentityCheck = "Connexion au compte KoproGo avec double authentification",
        }, ct);
        if (!meeting.Succeeded)
            throw new InvalidOperationException("demo meeting failed: " + meeting.FirstError?.Code);
        var culture = System.Globalization.CultureInfo.GetCultureInfo("fr-BE");
        foreach (var key in new[] { "syndic_report", "approve_accounts", "discharge_syndic", "discharge_council", "works_common_parts" })
        {
            var template = AgendaLibrary.Items.Single(t => t.Key == key);
            var added = await assemblies.AddItemAsync(Actor.System, meeting.Value, new AgendaItemInput
            {
                Title = key == "works_common_parts" ? "Remplacement de la chaudière collective (devis joints)" : Texts.Get("agenda.template." + key, culture),
                Kind = template.Kind,
                Majority = template.Majority,
            }, ct);
            if (!added.Succeeded)
                throw new InvalidOperationException("demo agenda failed: " + added.FirstError?.Code);
        }
        if (!(await assemblies.ConveneAsync(Actor.System, meeting.Value, ct)).Succeeded)
            throw new InvalidOperationException("demo convocation failed");
        foreach (var (grantor, holder) in new[] { (owners[^1], owners[0]), (owners[^2], owners[0]) })
            if (!(await assemblySession.GrantProxyAsync(Actor.System, meeting.Value, new ProxyInput { GrantorOwnerId = grantor, HolderOwnerId = holder }, ct)).Succeeded)
                throw new InvalidOperationException("demo proxy failed");

        // a decision in writing under way (Art. 3.87 §11): four answers on paper so far, recorded by the syndic
        var written = services.GetRequiredService<IWrittenDecisionService>();
        Actor sophie;
        await using (var db = await dbFactory.CreateAsync(ct))
        {
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.Email == "syndic@horta.be", ct);
            var organisationId = await db.Buildings.Where(b => b.Id == buildingId).Select(b => b.OrganisationId).FirstAsync(ct);
            sophie = new Actor(user.Id, user.DisplayName, false, [new Grant(Role.Syndic, organisationId)]);
        }
        var procedure = await written.OpenAsync(sophie, buildingId, new WrittenProcedureInput
        {
            Title = "Remplacement des boîtes aux lettres du hall",
            Text = "Trois devis ont été demandés ; le conseil propose le moins cher (1 840 € TVAC), à prélever sur le fonds de réserve.",
            LastDay = clock.Today().AddDays(21),
            NoNotarialDeed = true,
        }, ct);
        if (!procedure.Succeeded)
            throw new InvalidOperationException("demo written decision failed: " + procedure.FirstError?.Code);
        // the roll's voices (an indivision answers through its representative), the last four by name: Marie and Anne answer themselves
        var asked = (await written.GetAsync(sophie, procedure.Value, ct)).Value.Answers.Select(a => a.OwnerId).TakeLast(4).ToList();
        foreach (var owner in asked)
        {
            var answered = await written.AnswerAsync(sophie, procedure.Value, new WrittenAnswerInput { OwnerId = owner, Agrees = true }, ct);
            if (!answered.Succeeded)
                throw new InvalidOperationException("demo written answer failed: " + answered.FirstError?.Code);
        }
    }

    /// <summary>Neighbours' skills in Résidence Horta, a few endorsements and one service paid in time.</summary>
    private async Task SeedSkillsAsync(Guid organisationId, Guid buildingId, IReadOnlyList<Guid> owners, CancellationToken ct)
    {
        async Task<Guid> OfferAsync(int owner, SkillInput input)
        {
            var saved = await skills.SaveAsync(DemoOwner(organisationId, owners[owner]), buildingId, null, input, ct);
            return saved.Succeeded ? saved.Value : throw new InvalidOperationException("demo skill failed: " + saved.FirstError!.Code);
        }
        var plumbing = await OfferAsync(6, new SkillInput { Type = SkillType.Professional, Title = "Petite plomberie", Description = "Robinets, joints, chasses d'eau.", Level = SkillLevel.Expert, YearsOfExperience = 25, HourlyRate = 35m });
        var dutch = await OfferAsync(8, new SkillInput { Type = SkillType.Language, Title = "Conversation en néerlandais", Level = SkillLevel.Expert, YearsOfExperience = 40 });
        await OfferAsync(11, new SkillInput { Type = SkillType.Hobby, Title = "Réparation de vélos", Level = SkillLevel.Advanced, YearsOfExperience = 8, Availability = SkillAvailability.Busy });
        await OfferAsync(12, new SkillInput { Type = SkillType.Professional, Title = "Aide informatique", Description = "Ordinateur, smartphone, banque en ligne.", Level = SkillLevel.Intermediate, YearsOfExperience = 5 });
        foreach (var (skill, endorser) in new[] { (plumbing, 3), (plumbing, 7), (dutch, 5) })
            if (!(await skills.EndorseAsync(DemoOwner(organisationId, owners[endorser]), skill, ct)).Succeeded)
                throw new InvalidOperationException("demo endorsement failed");
        var lesson = await skills.RequestServiceAsync(DemoOwner(organisationId, owners[5]), dutch, 2m, "Préparer un entretien d'embauche", ct);
        if (!lesson.Succeeded || !(await skills.CompleteServiceAsync(DemoOwner(organisationId, owners[8]), lesson.Value, ct)).Succeeded)
            throw new InvalidOperationException("demo exchange failed");
    }

    /// <summary>The board of Résidence Horta: the syndic's announcement for every building, a sale and a neighbours' party with a comment.</summary>
    private async Task SeedNoticesAsync(Guid organisationId, Guid buildingId, IReadOnlyList<Owner> owners, CancellationToken ct)
    {
        var syndic = new Actor(null, "Syndic Horta", true, []);
        async Task<Guid> PostAsync(Actor author, NoticeInput input)
        {
            var saved = await notices.SaveAsync(author, buildingId, null, input, ct);
            if (!saved.Succeeded || !(await notices.PublishAsync(author.UserId is null ? Actor.System : author, saved.Value, ct)).Succeeded)
                throw new InvalidOperationException("demo notice failed: " + saved.FirstError?.Code);
            return saved.Value;
        }
        var now = clock.GetUtcNow();
        await PostAsync(syndic, new NoticeInput
        {
            Category = NoticeCategory.Announcement,
            AllBuildings = true,
            Title = "Entretien annuel des chaudières / Jaarlijks onderhoud van de ketels",
            Body = "Le chauffagiste passera dans tous les immeubles la semaine prochaine. Merci de laisser l'accès aux locaux techniques.\nDe verwarmingstechnicus komt volgende week langs in alle gebouwen.",
            ExpiresAt = now.AddDays(14),
        });
        var pierre = DemoOwner(organisationId, owners[1].Id, owners[1].DisplayName);
        await PostAsync(pierre, new NoticeInput { Category = NoticeCategory.ForSale, Title = "Vélo d'enfant 16 pouces", Body = "Bon état, casque offert. À voir au 2e étage.", Price = 45m });
        var nadia = DemoOwner(organisationId, owners[5].Id, owners[5].DisplayName);
        var party = await PostAsync(nadia, new NoticeInput
        {
            Category = NoticeCategory.Event,
            Title = "Fête des voisins",
            Body = "Apportez un plat ou une boisson, on s'occupe du barbecue !",
            EventAt = BusinessTime.ToUtc(clock.Today().AddDays(12), new TimeOnly(18, 30)),
            Place = "Jardin de la résidence",
        });
        if (!(await notices.CommentAsync(DemoOwner(organisationId, owners[7].Id, owners[7].DisplayName), buildingId, party, null, "Super idée, je ferai un taboulé.", ct)).Succeeded)
            throw new InvalidOperationException("demo comment failed");
    }

    /// <summary>Shared objects in Résidence Horta: some available, one lent, one lent and two days overdue, one returned and rated.</summary>
    private async Task SeedLibraryAsync(Guid organisationId, Guid buildingId, IReadOnlyList<Guid> owners, CancellationToken ct)
    {
        async Task<Guid> OfferAsync(int owner, string name, ObjectCategory category, int days, decimal? deposit = null, string? conditions = null)
        {
            var offered = await library.OfferAsync(DemoOwner(organisationId, owners[owner]), buildingId, null,
                new SharedObjectInput { Name = name, Category = category, MaxLoanDays = days, Deposit = deposit, Conditions = conditions }, ct);
            return offered.Succeeded ? offered.Value : throw new InvalidOperationException("demo object failed: " + offered.FirstError!.Code);
        }
        async Task<Guid> LendAsync(Guid item, int borrower, int lender)
        {
            var loan = await library.RequestAsync(DemoOwner(organisationId, owners[borrower]), item, null, ct);
            if (!loan.Succeeded || !(await library.ApproveAsync(DemoOwner(organisationId, owners[lender]), loan.Value, ct)).Succeeded
                || !(await library.HandOverAsync(DemoOwner(organisationId, owners[lender]), loan.Value, ct)).Succeeded)
                throw new InvalidOperationException("demo loan failed");
            return loan.Value;
        }
        var drill = await OfferAsync(5, "Perceuse à percussion Bosch", ObjectCategory.Tools, 3, 30m, "Mèches fournies, à rendre nettoyée.");
        var ladder = await OfferAsync(7, "Échelle télescopique 3,8 m", ObjectCategory.Tools, 1);
        await OfferAsync(7, "Raclette électrique", ObjectCategory.Kitchen, 3);
        var tent = await OfferAsync(10, "Tente 4 places", ObjectCategory.Sports, 7, 50m);
        await OfferAsync(0, "Taille-haie", ObjectCategory.Garden, 3);
        await OfferAsync(9, "Guides de randonnée des Ardennes", ObjectCategory.Books, 30);

        var returned = await LendAsync(drill, 6, 5);
        if (!(await library.ValidateReturnAsync(DemoOwner(organisationId, owners[5]), returned, ct)).Succeeded
            || !(await library.RateAsync(DemoOwner(organisationId, owners[5]), returned, 5, ct)).Succeeded)
            throw new InvalidOperationException("demo return failed");
        await LendAsync(tent, 3, 10);
        var late = await LendAsync(ladder, 8, 7);
        // the ladder was due back two days ago: the daily job reminds the borrower and the lender
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        await db.Loans.Where(l => l.Id == late).ExecuteUpdateAsync(u => u.SetProperty(l => l.LentOn, today.AddDays(-3)).SetProperty(l => l.DueOn, today.AddDays(-2)), ct);
    }

    private static Actor DemoOwner(Guid organisationId, Guid ownerId, string name = "demo") =>
        new($"demo-owner-{ownerId}", name, false, [new Grant(Role.Owner, organisationId, OwnerId: ownerId)]);

    /// <summary>A party room booked by the hour and a guest room by the day (with approval), and a few bookings in the coming days.</summary>
    private async Task SeedBookingsAsync(Guid organisationId, Guid buildingId, IReadOnlyList<Guid> owners, CancellationToken ct)
    {
        var party = await bookings.SaveResourceAsync(Actor.System, buildingId, null, new ResourceInput
        {
            Name = "Salle des fêtes",
            Type = ResourceType.Room,
            Description = "Rez-de-chaussée, 40 personnes, cuisine équipée. Rangez et nettoyez avant de partir.",
            HourlyRate = 15m,
            Deposit = 150m,
            Capacity = 40,
            SlotMinutes = 60,
            MaxDurationMinutes = 360,
            MaxAdvanceDays = 60,
            OpensAt = new TimeOnly(8, 0),
            ClosesAt = new TimeOnly(23, 0),
        }, ct);
        var guest = await bookings.SaveResourceAsync(Actor.System, buildingId, null, new ResourceInput
        {
            Name = "Chambre d'amis",
            Type = ResourceType.GuestRoom,
            Description = "Deux lits simples, salle de douche. Arrivée à 14 h, départ avant 14 h.",
            DailyRate = 40m,
            Deposit = 100m,
            Capacity = 2,
            SlotMinutes = 1440,
            MaxDurationMinutes = 7 * 1440,
            MaxAdvanceDays = 90,
            RequiresApproval = true,
            OpensAt = new TimeOnly(14, 0),
            ClosesAt = new TimeOnly(14, 0),
        }, ct);
        if (!party.Succeeded || !guest.Succeeded)
            throw new InvalidOperationException("demo resources failed");
        var today = clock.Today();
        async Task BookAsync(Guid resource, Guid owner, DateOnly day, TimeOnly from, TimeSpan length)
        {
            var start = BusinessTime.ToUtc(day, from);
            var booked = await bookings.BookAsync(DemoOwner(organisationId, owner), resource, new BookingInput { StartsAt = start, EndsAt = start + length }, ct);
            if (!booked.Succeeded)
                throw new InvalidOperationException("demo booking failed: " + booked.FirstError!.Code);
        }
        await BookAsync(party.Value, owners[3], today.AddDays(3), new TimeOnly(18, 0), TimeSpan.FromHours(5));
        await BookAsync(party.Value, owners[6], today.AddDays(5), new TimeOnly(12, 0), TimeSpan.FromHours(3));
        await BookAsync(party.Value, owners[9], today.AddDays(9), new TimeOnly(19, 0), TimeSpan.FromHours(4));
        await BookAsync(guest.Value, owners[5], today.AddDays(10), new TimeOnly(14, 0), TimeSpan.FromDays(2));
    }

    /// <summary>Three polls in Résidence Horta: one open that Marie has not answered yet, one anonymous and open, one closed with its results.</summary>
    private async Task SeedPollsAsync(Guid organisationId, Guid buildingId, IReadOnlyList<Guid> owners, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        async Task<PollDetail> PollAsync(PollInput input)
        {
            var created = await polls.CreateAsync(Actor.System, buildingId, input, ct);
            if (!created.Succeeded || !(await polls.PublishAsync(Actor.System, created.Value, ct)).Succeeded)
                throw new InvalidOperationException("demo poll failed: " + created.FirstError?.Code);
            return (await polls.GetAsync(Actor.System, created.Value, ct)).Value;
        }
        async Task VoteAsync(Guid pollId, Guid ownerId, VoteInput vote)
        {
            var voted = await polls.VoteAsync(DemoOwner(organisationId, ownerId), pollId, vote, ct);
            if (!voted.Succeeded)
                throw new InvalidOperationException("demo vote failed: " + voted.FirstError!.Code);
        }

        var chargers = await PollAsync(new PollInput
        {
            Title = "Installer des bornes de recharge au parking ?",
            Description = "Deux bornes de 11 kW, financées par le fonds de réserve puis facturées à l'usage. Avant de préparer les devis pour l'AG, le conseil souhaite connaître votre avis.",
            Type = PollType.YesNo,
            EndsAt = now.AddDays(10),
        });
        for (var i = 1; i < 9; i++)
            await VoteAsync(chargers.Poll.Id, owners[i], new VoteInput { OptionIds = [chargers.Options[i % 3 == 0 ? 1 : 0].Id] });

        var cleaning = await PollAsync(new PollInput { Title = "Êtes-vous satisfait du nettoyage des communs ?", Type = PollType.Rating, Anonymous = true, EndsAt = now.AddDays(20) });
        for (var i = 2; i < 7; i++)
            await VoteAsync(cleaning.Poll.Id, owners[i], new VoteInput { Rating = 2 + i % 4 });

        var colour = await PollAsync(new PollInput
        {
            Title = "Couleur du hall d'entrée après les travaux",
            Type = PollType.MultipleChoice,
            Anonymous = true,
            EndsAt = now.AddDays(3),
            Options = ["Blanc cassé", "Vert sauge", "Gris perle"],
        });
        for (var i = 0; i < 12; i++)
            await VoteAsync(colour.Poll.Id, owners[i], new VoteInput { OptionIds = [colour.Options[i % 5 == 0 ? 2 : i % 2].Id] });
        if (!(await polls.CloseAsync(Actor.System, colour.Poll.Id, ct)).Succeeded)
            throw new InvalidOperationException("demo poll close failed");
    }

    /// <summary>
    /// Résidence Horta's books for the current year: three supplier invoices (their PDFs attached) entered, approved and
    /// paid through the invoice workflow, and the quarterly calls for funds sent to the owners (letters with QR codes),
    /// most of them paid, each part to its fund's account, two owners behind.
    /// </summary>
    private async Task SeedLedgerAsync(Guid organisationId, Building building, CancellationToken ct)
    {
        var today = clock.Today();
        Dictionary<string, Guid> accounts;
        FiscalYear year;
        var suppliers = new[]
        {
            (Name: "AG Insurance", Enterprise: 04_046_758, Account: "614", Excl: 3_200.00m, Vat: 0m, Month: 1, Line: "Assurance incendie de l'immeuble"),
            (Name: "Engie Electrabel", Enterprise: 04_035_454, Account: "612", Excl: 950.74m, Vat: 21m, Month: 2, Line: "Électricité des communs"),
            (Name: "Schindler Ascenseurs", Enterprise: 04_025_633, Account: "610", Excl: 924.53m, Vat: 6m, Month: 3, Line: "Entretien de l'ascenseur, trimestre"),
        }.Select(s => (Supplier: Supplier.Create(organisationId, new SupplierInput
        {
            Name = s.Name,
            EnterpriseNumber = BelgianIdentifierFactory.EnterpriseNumber(s.Enterprise),
            Iban = BelgianIdentifierFactory.Iban(3_100_000_000L + s.Enterprise),
        }), s.Account, s.Excl, s.Vat, s.Month, s.Line)).ToList();
        await using (var db = await dbFactory.CreateAsync(ct))
        {
            year = FiscalYear.Starting(building.Id, new DateOnly(today.Year, 1, 1));
            db.FiscalYears.Add(year);
            db.Suppliers.AddRange(suppliers.Select(s => s.Supplier));
            await db.SaveChangesAsync(ct);
            accounts = await db.Accounts.Where(a => a.OrganisationId == organisationId).ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        }

        var letterhead = new Letterhead("", null, building.DefaultHolder, $"{building.Street}, {building.PostalCode} {building.City}");
        var fr = System.Globalization.CultureInfo.GetCultureInfo("fr-BE");
        foreach (var s in suppliers)
        {
            var date = new DateOnly(today.Year, s.Month, 20);
            if (date > today)
                continue;
            var number = $"{today.Year}-{s.Month:D2}{s.Supplier.Name.Length:D3}";
            var line = new InvoiceLineInput { Description = s.Line, AccountId = accounts[s.Account], AmountExclVat = s.Excl, VatRate = s.Vat };
            var pdf = SupplierInvoicePdf(letterhead with { OrganisationName = s.Supplier.Name }, number, date, line, fr);
            var file = await files.UploadAsync(Actor.System, building.Id, new MemoryStream(pdf), $"facture-{number}.pdf", FileUse.Accounting, ct, DocumentAudience.Staff);
            var invoice = file.Succeeded
                ? await invoices.SaveDraftAsync(Actor.System, building.Id, null, new InvoiceInput
                {
                    SupplierId = s.Supplier.Id,
                    Number = number,
                    InvoiceDate = date,
                    DueDate = date.AddDays(30),
                    FileId = file.Value,
                    DeclaredTotal = line.AmountInclVat,
                    Lines = [line],
                }, ct)
                : Result<Guid>.Fail(file.Errors);
            if (!invoice.Succeeded
                || !(await invoices.SubmitAsync(Actor.System, invoice.Value, ct)).Succeeded
                || !(await invoices.ApproveAsync(Actor.System, invoice.Value, ct)).Succeeded
                || (date.AddDays(25) <= today && !(await invoices.PayAsync(Actor.System, invoice.Value, date.AddDays(25), ct)).Succeeded))
                throw new InvalidOperationException("demo invoice failed: " + s.Supplier.Name);
        }

        // the year's budget, voted by last November's assembly (held through the app); the insurance already runs over it
        var budget = await budgets.SaveDraftAsync(Actor.System, building.Id, null, new BudgetInput
        {
            FiscalYearId = year.Id,
            Reserve = 4_000m,
            Lines =
            [
                new() { AccountId = accounts["610"], Amount = 4_000m, Label = "Entretien ascenseur" },
                new() { AccountId = accounts["611"], Amount = 9_000m, Label = "Nettoyage des communs" },
                new() { AccountId = accounts["612"], Amount = 5_000m, Label = "Électricité des communs" },
                new() { AccountId = accounts["613"], Amount = 4_000m },
                new() { AccountId = accounts["614"], Amount = 3_000m, Label = "Assurance incendie" },
                new() { AccountId = accounts["615"], Amount = 7_000m },
            ],
        }, ct);
        if (!budget.Succeeded
            || !(await budgets.SubmitAsync(Actor.System, budget.Value, ct)).Succeeded
            || !(await SeedLastAssemblyAsync(organisationId, building.Id, budget.Value, new DateOnly(today.Year - 1, 11, 20), ct))
            || !(await budgets.ActivateAsync(Actor.System, budget.Value, ct)).Succeeded)
            throw new InvalidOperationException("demo budget failed");

        // quarterly calls for funds through the real service (letters, communications, VEN entries); everyone pays
        // within the month, except the last two owners, who are behind since the third quarter
        var ownerIds = new List<Guid>();
        for (var q = 0; q < 4; q++)
        {
            var date = new DateOnly(today.Year, 1 + 3 * q, 1);
            if (date > today)
                break;
            var call = await calls.SaveDraftAsync(Actor.System, building.Id, null, new CallInput
            {
                Title = $"Appel de fonds T{q + 1} {today.Year}",
                Period = CallPeriod.Quarterly,
                CallDate = date,
                DueDate = date.AddDays(30),
                Ordinary = 8_000m,
                Reserve = 1_000m,
            }, ct);
            if (!call.Succeeded || !(await sending.SendAsync(Actor.System, call.Value, ct)).Succeeded)
                throw new InvalidOperationException("demo call failed");
            var lines = (await calls.GetAsync(Actor.System, call.Value, ct)).Value.Lines;
            if (ownerIds.Count == 0)
                ownerIds = lines.Select(l => l.OwnerId).Order().ToList();
            foreach (var line in lines)
            {
                var rank = ownerIds.IndexOf(line.OwnerId);
                var paid = date.AddDays(12 + rank % 10);
                if (paid > today || (q >= 2 && rank >= ownerIds.Count - 2))
                    continue;
                // two transfers, as the letter asks: the working part and the reserve part, each to its account
                foreach (var (fund, amount, communication) in new[] { (Fund.Working, line.Ordinary + line.Extraordinary, line.StructuredCommunication), (Fund.Reserve, line.Reserve, line.ReserveCommunication ?? line.StructuredCommunication) })
                {
                    if (amount == 0)
                        continue;
                    var payment = await payments.RecordPaymentAsync(Actor.System, building.Id, new PaymentInput
                    {
                        OwnerId = line.OwnerId,
                        Date = paid,
                        Amount = amount,
                        Method = PaymentMethod.Transfer,
                        Reference = communication,
                        Account = fund,
                    }, ct);
                    if (!payment.Succeeded)
                        throw new InvalidOperationException("demo payment failed: " + payment.FirstError!.Code);
                }
            }
        }
    }

    /// <summary>A plain supplier invoice as the supplier would send it, so that the demo's invoices have their scan.</summary>
    private byte[] SupplierInvoicePdf(Letterhead head, string number, DateOnly date, InvoiceLineInput line, System.Globalization.CultureInfo c)
    {
        using var doc = new LetterheadDocument(head, $"Facture {number}", c, clock.GetUtcNow());
        doc.Text($"Date : {date.ToString("d", c)} — échéance : {date.AddDays(30).ToString("d", c)}", doc.Body);
        doc.Space(10);
        double[] widths = [doc.Width * 0.55, doc.Width * 0.15, doc.Width * 0.15, doc.Width * 0.15];
        var right = new HashSet<int> { 1, 2, 3 };
        doc.Row(["Description", "HTVA", $"TVA {line.VatRate:0} %", "TVAC"], widths, doc.Bold, shaded: true, rightAligned: right);
        doc.Row([line.Description!, line.AmountExclVat.ToString("N2", c), line.VatAmount.ToString("N2", c), line.AmountInclVat.ToString("N2", c)], widths, doc.Body, rightAligned: right);
        doc.Space(10);
        doc.Text($"Total à payer : {line.AmountInclVat.ToString("N2", c)} €", doc.Bold);
        return doc.Save();
    }
}

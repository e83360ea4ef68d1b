using KoproGo.Core.Features.Tickets;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Web;

public sealed partial class DemoData
{
    /// <summary>
    /// Two problems reported in Résidence Horta, by the people who would: the hall's lighting (Marie Dubois, not yet
    /// handled) and a cold radiator on the second floor, which the syndic gave to Chauffage Wauters, who is on it.
    /// </summary>
    private async Task SeedTicketsAsync(Guid buildingId, CancellationToken ct)
    {
        var tickets = services.GetRequiredService<ITicketService>();
        var actors = services.GetRequiredService<IActorFactory>();
        Dictionary<string, string> ids;
        await using (var db = await dbFactory.CreateAsync(ct))
        {
            string[] emails = ["marie.dubois@example.be", "syndic@horta.be", "chauffagiste@example.be", "conseil@horta.be"];
            ids = await db.Users.Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => u.Id, ct);
        }
        async Task<Actor> As(string email) => (await actors.ForUserAsync(ids[email], null, null, ct))!;
        static T Ok<T>(Result<T> r) => r.Succeeded ? r.Value : throw new InvalidOperationException("demo ticket failed: " + r.FirstError!.Code);
        static void Done(Result r)
        {
            if (!r.Succeeded)
                throw new InvalidOperationException("demo ticket failed: " + r.FirstError!.Code);
        }
        var marie = await As("marie.dubois@example.be");
        Ok(await tickets.ReportAsync(marie, buildingId, new TicketInput
        {
            Category = TicketCategory.Electricity,
            Title = "Éclairage du hall d'entrée en panne",
            Description = "Les deux plafonniers du hall ne s'allument plus depuis ce matin ; la minuterie fonctionne.",
        }, ct));
        var anne = await As("conseil@horta.be");
        var radiator = Ok(await tickets.ReportAsync(anne, buildingId, new TicketInput
        {
            Category = TicketCategory.Heating,
            Urgency = TicketUrgency.High,
            Title = "Radiateur froid au 2e étage",
            Description = "Le radiateur du palier du 2e reste froid alors que les autres chauffent.",
        }, ct));
        var syndic = await As("syndic@horta.be");
        Done(await tickets.TriageAsync(syndic, radiator, new TriageInput { Priority = TicketPriority.High, DueOn = clock.Today().AddDays(5) }, ct));
        Done(await tickets.AssignAsync(syndic, radiator, ids["chauffagiste@example.be"], ct));
        var wauters = await As("chauffagiste@example.be");
        Done(await tickets.StartAsync(wauters, radiator, ct));
        Done(await tickets.CommentAsync(wauters, radiator, "Passage prévu jeudi matin : purge du circuit et contrôle de la vanne thermostatique.", ct));
    }
}

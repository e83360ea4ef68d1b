namespace KoproGo.Core.Features.Assemblies;

/// <summary>A common agenda item with the majority the law gives it; its title is the text "agenda.template.&lt;Key&gt;".</summary>
public sealed record AgendaTemplate(string Key, ItemKind Kind, Majority Majority, bool ApprovesBudget = false, ItemEffect Effect = ItemEffect.None);

/// <summary>
/// The items of most ordinary assemblies, with their legal majority (Civil Code Art. 3.88): picked from a list in the
/// item dialog, then the syndic may reword them. Absolute majority unless the law says otherwise.
/// </summary>
public static class AgendaLibrary
{
    public static IReadOnlyList<AgendaTemplate> Items { get; } =
    [
        new("syndic_report", ItemKind.Information, Majority.Absolute),
        new("approve_accounts", ItemKind.Resolution, Majority.Absolute),
        new("discharge_syndic", ItemKind.Resolution, Majority.Absolute),
        new("discharge_council", ItemKind.Resolution, Majority.Absolute),
        new("discharge_auditor", ItemKind.Resolution, Majority.Absolute),
        new("approve_budget", ItemKind.Resolution, Majority.Absolute, ApprovesBudget: true),
        new("reserve_fund", ItemKind.Resolution, Majority.Absolute),
        new("elect_council_member", ItemKind.Resolution, Majority.Absolute, Effect: ItemEffect.ElectCouncilMember),
        new("appoint_syndic", ItemKind.Resolution, Majority.Absolute, Effect: ItemEffect.AppointSyndic),
        new("appoint_auditor", ItemKind.Resolution, Majority.Absolute),
        // Art. 3.88 §1, 1°: two thirds
        new("works_common_parts", ItemKind.Resolution, Majority.TwoThirds),
        new("competition_threshold", ItemKind.Resolution, Majority.TwoThirds),
        // Art. 3.88 §1, 2°: four fifths
        new("change_statutes", ItemKind.Resolution, Majority.FourFifths),
        new("change_charges_distribution", ItemKind.Resolution, Majority.FourFifths),
        // Art. 3.88 §3: every co-owner
        new("change_shares", ItemKind.Resolution, Majority.Unanimity),
    ];
}

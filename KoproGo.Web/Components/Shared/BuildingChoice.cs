namespace KoproGo.Web.Components.Shared;

/// <summary>The building last chosen in this circuit, so the next community page opens on it (see BuildingPicker).</summary>
public sealed class BuildingChoice
{
    public Guid? Last { get; set; }
}

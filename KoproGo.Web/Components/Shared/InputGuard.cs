namespace KoproGo.Web.Components.Shared;

/// <summary>A field that can hold text it could not take as typed.</summary>
public interface IGuardedInput
{
    /// <summary>Why the field's value must not go out now, or null.</summary>
    string? Problem { get; }

    /// <summary>Called when a command was refused for this field's problem: a field that does not show it already does now.</summary>
    void ShowProblem() { }
}

/// <summary>
/// The guarded fields on screen in this circuit (see <see cref="NumberField{T}"/>). MudBlazor keeps a field's previous
/// value when it cannot read the text, so a command would send a value nobody typed; <see cref="KoproPage"/> asks the
/// guard first and refuses every command while a field has a problem. Fields register and unregister themselves.
/// </summary>
public sealed class InputGuard
{
    private readonly HashSet<IGuardedInput> _fields = [];

    public void Register(IGuardedInput field) => _fields.Add(field);

    public void Unregister(IGuardedInput field) => _fields.Remove(field);

    /// <summary>Whether a field has a problem; each such field is asked to show it, so the user sees which one.</summary>
    public bool Blocks
    {
        get
        {
            var blocking = _fields.Where(f => f.Problem is not null).ToList();
            foreach (var input in blocking)
                input.ShowProblem();
            return blocking.Count > 0;
        }
    }
}

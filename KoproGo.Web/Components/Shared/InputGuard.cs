namespace KoproGo.Web.Components.Shared;

/// <summary>A field that can hold text it could not take as typed.</summary>
public interface IGuardedInput
{
    /// <summary>Why the field's value must not go out now, or null.</summary>
    string? Problem { get; }
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

    public bool Blocks => _fields.Any(f => f.Problem is not null);
}

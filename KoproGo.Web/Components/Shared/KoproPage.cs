using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace KoproGo.Web.Components.Shared;

/// <summary>
/// Base of the interactive pages: the current actor, a busy flag for commands, and one way to run a command so
/// that a failed Result becomes field messages or a snackbar and an unexpected exception never ends the circuit.
/// </summary>
public abstract class KoproPage : ComponentBase
{
    [Inject] protected CurrentActor Current { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected IStringLocalizer<Texts> L { get; set; } = default!;
    [Inject] protected ILogger<KoproPage> Logger { get; set; } = default!;
    [Inject] private InputGuard Guard { get; set; } = default!;

    protected Actor Actor { get; private set; } = CurrentActor.Anonymous;
    protected bool Busy { get; private set; }
    /// <summary>Errors of the last command, by field (see Messages.ForField).</summary>
    protected IReadOnlyList<Error> Errors { get; private set; } = [];

    protected override async Task OnInitializedAsync()
    {
        Actor = await Current.GetAsync();
        await LoadAsync();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>Errors of the last failed load (see <see cref="Loaded"/>); empty when everything shown was read.</summary>
    protected IReadOnlyList<Error> LoadErrors { get; private set; } = [];

    /// <summary>
    /// The value a query read, or the fallback with the reason said: a refused or vanished record must not look like an
    /// empty list or a blank panel. The message goes to a snackbar and stays in <see cref="LoadErrors"/>.
    /// </summary>
    protected T Loaded<T>(Result<T> result, T fallback)
    {
        if (result.Succeeded)
            return result.Value;
        LoadErrors = result.Errors;
        Logger.LogInformation("Load refused on {Page}: {Codes}", GetType().Name, string.Join(", ", result.Errors.Select(e => e.Code)));
        Snackbar.Add(Messages.Text(L, result.Errors), Severity.Warning);
        return fallback;
    }

    /// <summary>A single record (a detail, a settings panel): null, with the reason said, when it could not be read.</summary>
    protected T? Loaded<T>(Result<T> result) where T : class => Loaded<T?>(result!, null);

    protected string? FieldError(string field) => Messages.ForField(L, Errors, field);

    /// <summary>
    /// Runs a command once at a time; returns whether it succeeded. The actor is read again first (the command's lambda
    /// reads <see cref="Actor"/> when it runs): grants taken away since the page opened are refused now.
    /// </summary>
    protected async Task<bool> RunAsync(Func<Task<Result>> command, string? successKey = null)
    {
        if (Busy)
            return false;
        if (Guard.Blocks)
        {
            // a number field holds text it could not take as typed: its last value must not go out instead
            Snackbar.Add(L["error.fix_fields"], Severity.Error);
            return false;
        }
        Busy = true;
        Errors = [];
        try
        {
            Actor = await Current.FreshAsync();
            var result = await command();
            if (result.Succeeded)
            {
                if (successKey is not null)
                    Snackbar.Add(L[successKey], Severity.Success);
                return true;
            }
            Errors = result.Errors;
            Snackbar.Add(Messages.Text(L, result.Errors), Severity.Error);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Command failed on {Page}", GetType().Name);
            Snackbar.Add(L["ui.error.unexpected"], Severity.Error);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}

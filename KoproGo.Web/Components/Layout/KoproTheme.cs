using MudBlazor;

namespace KoproGo.Web.Components.Layout;

/// <summary>
/// The app's one theme. Rendered once per page by <c>App.razor</c> (static: its CSS variables are in the HTML, not held
/// by every circuit; the account pages get them too). MudBlazor's default Success/Info with white text fail WCAG AA
/// contrast (axe, serious), and snackbars lighten the background a little more (#2e7d32 became 4.35:1): darker shades.
/// </summary>
public static class KoproTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            AppbarBackground = "#1f4e79",
            Success = "#1b5e20",
            Info = "#0d5ea8",
            Warning = "#8a5300",
            Error = "#b3261e",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
    };
}

namespace KoproGo.IntegrationTests;

internal static class TestExtensions
{
    /// <summary>Changes an object in an expression (for a one-off tweak of an input built by a helper).</summary>
    public static T Let<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }
}

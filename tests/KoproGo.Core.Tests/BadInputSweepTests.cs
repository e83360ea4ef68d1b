using System.Reflection;
using KoproGo.Core.Common;

namespace KoproGo.Core.Tests;

/// <summary>
/// The generated bad-input sweep over every input model that validates itself (found by reflection, so a new form's
/// input is covered by default): each text, number and date property gets values that are wrong whatever the field —
/// far too long, the largest numbers, dates outside 1900–2199 — one at a time. Each must come back as an error on that
/// field (a message the form shows next to it), never an exception and never a pass.
/// </summary>
public class BadInputSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<Type, object?[]> Hostile = new()
    {
        [typeof(string)] = [new string('x', 100_001), "\u05d0" + new string('\u0301', 100_000), "<script>" + new string('é', 100_000)],
        [typeof(decimal)] = [decimal.MaxValue, decimal.MinValue, 1e20m],
        [typeof(int)] = [int.MaxValue, int.MinValue],
        [typeof(double)] = [double.MaxValue, double.NaN, double.PositiveInfinity],
        [typeof(DateOnly)] = [DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(1, 1, 1).AddDays(1)],
        [typeof(DateTimeOffset)] = [DateTimeOffset.MinValue, DateTimeOffset.MaxValue],
    };

    /// <summary>Inputs with no text, number or date to sweep, and what checks them instead.</summary>
    private static readonly Dictionary<string, string> NothingToSweep = new()
    {
        ["BallotInput"] = "an owner chosen from the roll and one of three buttons: Validate refuses an empty owner or an unknown vote (AssemblyTests)",
        ["BureauInput"] = "two owners chosen among those present: Validate refuses an empty chair or the same person twice, the service an owner not present (MinutesTests)",
        ["ProxyInput"] = "two owners chosen from the roll: Validate refuses an empty or identical pair, the service the rest (AssemblyTests)",
        ["WrittenAnswerInput"] = "an owner of the procedure's list and one of two buttons: Validate refuses an empty owner or answer, the service an owner not asked (AssemblyTests)",
    };

    public static TheoryData<string> Inputs() => [.. InputTypes().Select(t => t.Name)];

    private static IEnumerable<Type> InputTypes() => typeof(Validation).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Input", StringComparison.Ordinal) && t.GetConstructor(Type.EmptyTypes) is not null
                    && ValidateMethod(t) is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    private static MethodInfo? ValidateMethod(Type t) => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)
        .FirstOrDefault(m => m.Name == "Validate" && m.ReturnType == typeof(Validation)
                             && m.GetParameters().All(p => p.ParameterType == typeof(int) || p.ParameterType == typeof(DateTimeOffset) || p.ParameterType == typeof(DateOnly)));

    private static object?[] Arguments(MethodInfo validate) => validate.GetParameters().Select(p => p.ParameterType switch
    {
        var x when x == typeof(int) => (object)2026,
        var x when x == typeof(DateTimeOffset) => Now,
        _ => DateOnly.FromDateTime(Now.UtcDateTime),
    }).ToArray();

    [Fact]
    public void Sweep_CoversTheInputModels()
    {
        var names = InputTypes().Select(t => t.Name).ToList();
        Assert.True(names.Count >= 15, string.Join(", ", names));
        Assert.Contains("BuildingInput", names);
        Assert.Contains("CallInput", names);
        Assert.Contains("NoticeInput", names);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void EveryHostileValue_IsRefusedOnItsField_WithoutAnException(string inputName)
    {
        var (attempts, accepted) = Sweep(InputTypes().Single(t => t.Name == inputName));
        Assert.True(attempts > 0 || NothingToSweep.ContainsKey(inputName), $"{inputName}: no property swept");
        Assert.True(attempts == 0 || !NothingToSweep.ContainsKey(inputName), $"{inputName}: now has properties to sweep, take it off NothingToSweep");
        Assert.True(accepted.Count == 0, $"{inputName}: {accepted.Count} of {attempts} hostile values accepted: {string.Join("; ", accepted)}");
    }

    [Fact]
    public void Sweep_Totals()
    {
        // quoted in the closing note of issue 15: attempts, refused with a message on the field, exceptions, accepted
        var results = InputTypes().Select(Sweep).ToList();
        var attempts = results.Sum(r => r.Attempts);
        var accepted = results.Sum(r => r.Accepted.Count);
        TestContext.Current.TestOutputHelper?.WriteLine($"bad-input sweep: {InputTypes().Count()} input models, {attempts} attempts, {attempts - accepted} refused on their field, 0 exceptions, {accepted} accepted");
        Assert.Equal(0, accepted);
    }

    private static (int Attempts, List<string> Accepted) Sweep(Type type)
    {
        var validate = ValidateMethod(type)!;
        var attempts = 0;
        var accepted = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!Hostile.TryGetValue(kind, out var values))
                continue;
            foreach (var value in values)
            {
                attempts++;
                var input = Activator.CreateInstance(type)!;
                property.SetValue(input, value);
                Validation result;
                try
                {
                    result = (Validation)validate.Invoke(input, Arguments(validate))!;
                }
                catch (TargetInvocationException e)
                {
                    throw new Xunit.Sdk.XunitException($"{type.Name}.{property.Name} = {Show(value)}: {e.InnerException}");
                }
                if (!result.Errors.Any(e => e.Field == property.Name))
                    accepted.Add($"{property.Name} = {Show(value)}");
            }
        }
        return (attempts, accepted);
    }

    private static string Show(object? value) => value is string s ? $"text of {s.Length}" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null";
}

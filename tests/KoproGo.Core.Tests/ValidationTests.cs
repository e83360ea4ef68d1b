using KoproGo.Core.Common;

namespace KoproGo.Core.Tests;

public class ValidationTests
{
    [Theory]
    [InlineData("marie.dubois@example.be", true)]
    [InlineData("jan+syndic@voorbeeld.be", true)]
    [InlineData("\"<img src=x onerror=alert(1)>\"@example.be", false)]   // a quoted local part carries markup
    [InlineData("\"marie dubois\"@example.be", false)]
    [InlineData("marie(comment)@example.be", false)]
    [InlineData("marie@example", false)]
    [InlineData("Marie <marie@example.be>", false)]
    public void IsEmail_TakesThePlainFormOnly(string value, bool expected) => Assert.Equal(expected, Validation.IsEmail(value));
}

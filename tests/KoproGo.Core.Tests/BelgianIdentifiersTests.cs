using CsCheck;
using KoproGo.Core.Common;

namespace KoproGo.Core.Tests;

public class BelgianIdentifiersTests
{
    [Theory]
    [InlineData("BE68 5390 0754 7034", "BE68539007547034")]
    [InlineData("be68539007547034", "BE68539007547034")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606")]
    [InlineData("NL91ABNA0417164300", "NL91ABNA0417164300")]
    public void NormaliseIban_ValidIban_ReturnsCompactForm(string input, string expected) =>
        Assert.Equal(expected, BelgianIdentifiers.NormaliseIban(input));

    [Theory]
    [InlineData("BE68 5390 0754 7035")]   // ISO check broken
    [InlineData("BE68 5390 0754 703")]    // too short
    [InlineData("BE00 0000 0000 0000")]
    [InlineData("hello")]
    [InlineData("")]
    public void NormaliseIban_InvalidIban_ReturnsNull(string input) => Assert.Null(BelgianIdentifiers.NormaliseIban(input));

    [Fact]
    public void NormaliseIban_BelgianNationalCheckWrong_ReturnsNull()
    {
        // ISO mod-97 is right but the national check (first ten digits mod 97) is not: only a Belgian rule catches it
        var iban = "BE" + "00" + "539007547099";
        var remainder = System.Numerics.BigInteger.Parse("539007547099" + "111400") % 97;
        iban = $"BE{98 - (int)remainder:D2}539007547099";
        Assert.Null(BelgianIdentifiers.NormaliseIban(iban));
    }

    [Fact]
    public void IbanFactory_AnyAccount_ProducesValidIban() =>
        Gen.Long[0, 9_999_999_999].Sample(account => BelgianIdentifiers.NormaliseIban(BelgianIdentifierFactory.Iban(account)) is not null);

    [Theory]
    [InlineData("0403.170.701", "0403.170.701")]     // a real pattern: 97 - (4031707 mod 97)
    [InlineData("BE 0403170701", "0403.170.701")]
    [InlineData("403170701", "0403.170.701")]
    public void NormaliseEnterpriseNumber_Valid_ReturnsDottedForm(string input, string expected) =>
        Assert.Equal(expected, BelgianIdentifiers.NormaliseEnterpriseNumber(input));

    [Theory]
    [InlineData("0403.170.702")]
    [InlineData("2403.170.701")]
    [InlineData("FR0403170701")]
    [InlineData("12345")]
    public void NormaliseEnterpriseNumber_Invalid_ReturnsNull(string input) =>
        Assert.Null(BelgianIdentifiers.NormaliseEnterpriseNumber(input));

    [Fact]
    public void EnterpriseNumberFactory_AnyBody_ProducesValidNumber() =>
        Gen.Int[0, 19_999_999].Sample(body => BelgianIdentifiers.NormaliseEnterpriseNumber(BelgianIdentifierFactory.EnterpriseNumber(body)) is not null);
}

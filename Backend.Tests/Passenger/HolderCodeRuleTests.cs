using Backend.Ingest.Passenger;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Backend.Tests.Passenger;

/// <summary>The printed code's form: 10 digits with a Luhn check digit that catches every single mistyped digit.</summary>
public sealed class HolderCodeRuleTests
{
    private static readonly Gen<string> Bodies = Gen.Choose(0, 999_999_999).Select(n => n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture));

    [Property(MaxTest = 200)]
    public Property ACodeWithItsCheckDigitIsTakenWithOrWithoutSpacesAndDashes() => Prop.ForAll(Bodies.ToArbitrary(), body =>
    {
        var code = body + HolderCodes.LuhnDigit(body);
        return HolderCodes.Normalize(code) == code
            && HolderCodes.Normalize($" {code[..5]} {code[5..]} ") == code
            && HolderCodes.Normalize($"{code[..5]}-{code[5..]}") == code;
    });

    [Property(MaxTest = 200)]
    public Property AnySingleMistypedDigitIsCaught(PositiveInt position, PositiveInt shift) => Prop.ForAll(Bodies.ToArbitrary(), body =>
    {
        var code = (body + HolderCodes.LuhnDigit(body)).ToCharArray();
        var at = position.Get % code.Length;
        code[at] = (char)('0' + ((code[at] - '0' + 1 + (shift.Get % 9)) % 10));
        return HolderCodes.Normalize(new string(code)) is null;
    });

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("123456789")]
    [InlineData("12345678903")]
    [InlineData("12345a7890")]
    [InlineData("١٢٣٤٥٦٧٨٩٠")]
    public void WhatIsNotTenDigitsIsNotACode(string? typed) => Assert.Null(HolderCodes.Normalize(typed));

    [Fact]
    public void TheCheckDigitIsLuhns() => Assert.Equal('3', HolderCodes.LuhnDigit("7992739871"));
}

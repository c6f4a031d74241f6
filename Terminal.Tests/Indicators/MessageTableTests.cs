using System.Text;
using Terminal.Drivers.Indicators;
using Xunit;

namespace Terminal.Tests.Indicators;

public sealed class MessageTableTests
{
    [Fact]
    public void TheCountMatchesTheEnum() => Assert.Equal(MessageTable.MessageCount, Enum.GetValues<MessageId>().Length);

    [Fact]
    public void EveryEnglishTextFitsASixteenColumnRow()
    {
        var table = new MessageTable();
        foreach (var id in Enum.GetValues<MessageId>())
        {
            var text = Encoding.UTF8.GetString(table.Text(MessageTable.English, id));
            Assert.InRange(text.Length, 1, 16);
        }
    }

    [Fact]
    public void ALanguageNamedByTheFareTableGetsItsOwnTextsAndFallsBackToEnglish()
    {
        var table = new MessageTable();
        var german = table.AddLanguage("de");
        table.SetText(german, MessageId.InvalidCode, "Code ungültig");

        Assert.Equal("Code ungültig", Encoding.UTF8.GetString(table.Text(german, MessageId.InvalidCode)));
        Assert.Equal("Welcome", Encoding.UTF8.GetString(table.Text(german, MessageId.Welcome)));
        Assert.Equal("de", table.LanguageCode(german));
    }

    [Fact]
    public void LanguagesAreFoundByCodeAndAddedOnce()
    {
        var table = new MessageTable();
        Assert.Equal(MessageTable.English, table.IndexOf("en"));
        Assert.Equal(-1, table.IndexOf("fr"));
        var french = table.AddLanguage("fr");
        Assert.Equal(french, table.AddLanguage("fr"));
        Assert.Equal(2, table.LanguageCount);
    }

    [Fact]
    public void AnUnknownLanguageIndexReadsEnglishButCannotBeWritten()
    {
        var table = new MessageTable();
        Assert.Equal("Refused", Encoding.UTF8.GetString(table.Text(7, MessageId.Refused)));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.SetText(7, MessageId.Refused, "x"));
    }
}

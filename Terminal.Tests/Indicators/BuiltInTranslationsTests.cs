using Terminal.Drivers.Indicators;
using Xunit;

namespace Terminal.Tests.Indicators;

public sealed class BuiltInTranslationsTests
{
    [Theory]
    [InlineData("fr")]
    [InlineData("es")]
    public void EveryTextExistsAndFitsSixteenColumns(string code)
    {
        var table = new MessageTable();
        BuiltInTranslations.AddTo(table);
        var language = table.IndexOf(code);
        Assert.True(language > MessageTable.English);
        foreach (var id in Enum.GetValues<MessageId>())
        {
            var text = System.Text.Encoding.UTF8.GetString(table.Text(language, id));
            Assert.InRange(text.Length, 1, 16);
            Assert.NotEqual(System.Text.Encoding.UTF8.GetString(table.Text(MessageTable.English, id)), text);
        }
    }
}

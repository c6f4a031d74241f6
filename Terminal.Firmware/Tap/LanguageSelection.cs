using Terminal.Drivers.Indicators;
using Terminal.Firmware.Fares;

namespace Terminal.Firmware.Tap
{
    /// <summary>The display speaks the first of the fare table's languages that the terminal has texts for; English otherwise.</summary>
    public static class LanguageSelection
    {
        public static int For(FareTable? table, MessageTable messages)
        {
            if (table == null)
            {
                return MessageTable.English;
            }

            for (int i = 0; i < table.LanguageCount; i++)
            {
                int language = messages.IndexOf(table.GetLanguage(i));
                if (language >= 0)
                {
                    return language;
                }
            }

            return MessageTable.English;
        }
    }
}

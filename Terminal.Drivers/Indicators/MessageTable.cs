using System;
using System.Collections;

namespace Terminal.Drivers.Indicators
{
    /// <summary>
    /// Display texts per language, kept as UTF-8 so the panel never encodes on the tap path.
    /// English is built in at index 0; the fare table names further languages by code (e.g.
    /// "de") and fills their texts. A text a language lacks falls back to English.
    /// </summary>
    public sealed class MessageTable
    {
        public const int English = 0;

        /// <summary>Members of <see cref="MessageId"/>; nano has no Enum.GetValues to count them.</summary>
        public const int MessageCount = 26;

        private readonly ArrayList _codes = new ArrayList();
        private readonly ArrayList _texts = new ArrayList();

        public MessageTable()
        {
            AddLanguage("en");
            for (int id = 0; id < MessageCount; id++)
            {
                SetText(English, (MessageId)id, EnglishText((MessageId)id));
            }
        }

        public int LanguageCount
        {
            get { return _codes.Count; }
        }

        /// <summary>Returns the language's index, adding it when new.</summary>
        public int AddLanguage(string code)
        {
            int index = IndexOf(code);
            if (index >= 0)
            {
                return index;
            }

            _codes.Add(code);
            _texts.Add(new byte[MessageCount][]);
            return _codes.Count - 1;
        }

        /// <summary>The language's index, or -1 when the table does not have it.</summary>
        public int IndexOf(string code)
        {
            for (int i = 0; i < _codes.Count; i++)
            {
                if ((string)_codes[i]! == code)
                {
                    return i;
                }
            }

            return -1;
        }

        public string LanguageCode(int language)
        {
            return (string)_codes[language]!;
        }

        public void SetText(int language, MessageId id, string text)
        {
            if (language < 0 || language >= _codes.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(language));
            }

            Texts(language)[(int)id] = Utf8Encoder.GetBytes(text);
        }

        /// <summary>The UTF-8 text of <paramref name="id"/> in <paramref name="language"/>, else in English.</summary>
        public byte[] Text(int language, MessageId id)
        {
            if (language > English && language < _codes.Count)
            {
                byte[]? text = Texts(language)[(int)id];
                if (text != null)
                {
                    return text;
                }
            }

            return Texts(English)[(int)id];
        }

        private byte[][] Texts(int language)
        {
            return (byte[][])_texts[language]!;
        }

        private static string EnglishText(MessageId id)
        {
            switch (id)
            {
                case MessageId.Welcome: return "Welcome";
                case MessageId.PresentCardOrCode: return "Tap card or scan";
                case MessageId.FareLabel: return "Fare";
                case MessageId.BalanceLabel: return "Balance";
                case MessageId.GoodTrip: return "Have a good trip";
                case MessageId.Refused: return "Refused";
                case MessageId.InsufficientFunds: return "Not enough funds";
                case MessageId.CardBlocked: return "Card blocked";
                case MessageId.CardUnreadable: return "Cannot read card";
                case MessageId.TapAgain: return "Tap card again";
                case MessageId.InvalidCode: return "Invalid code";
                case MessageId.ExpiredCode: return "Code expired";
                case MessageId.AlreadyUsed: return "Already used";
                case MessageId.NotValidHere: return "Not valid here";
                case MessageId.JournalNearlyFull: return "Memory full soon";
                case MessageId.Offline: return "Offline too long";
                case MessageId.FareTableOutdated: return "Fares outdated";
                case MessageId.CardExpired: return "Card expired";
                case MessageId.ServiceNeeded: return "Service needed";
                case MessageId.AlreadyPaid: return "Already paid";
                case MessageId.TopUpLabel: return "Top-up";
                case MessageId.TopUpAdded: return "added";
                case MessageId.BlacklistUnavailable: return "No blacklist";
                case MessageId.TerminalFault: return "Terminal fault";
                case MessageId.KeysMissing: return "Keys missing";
                default: return "Out of service";
            }
        }
    }
}

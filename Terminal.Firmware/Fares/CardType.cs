namespace Terminal.Firmware.Fares
{
    /// <summary>The concession class a card (or a QR account) travels on; the value is its byte in the fare table and on the card.</summary>
    public enum CardType : byte
    {
        Adult = 0,
        Child = 1,
        Student = 2,
        Senior = 3,
        Staff = 4,
    }
}

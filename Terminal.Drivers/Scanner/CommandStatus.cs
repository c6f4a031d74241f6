namespace Terminal.Drivers.Scanner
{
    /// <summary>How a configuration command to the scanner module ended.</summary>
    public enum CommandStatus
    {
        Ok,

        /// <summary>No reply within the timeout: the module refused the CRC or the format, or is not there.</summary>
        NoReply,

        /// <summary>A reply arrived but its CRC or shape is wrong.</summary>
        BadReply,

        /// <summary>A well-formed reply whose type byte is not "done".</summary>
        Refused,

        /// <summary>The command table has no entry for this setting.</summary>
        Unsupported
    }
}

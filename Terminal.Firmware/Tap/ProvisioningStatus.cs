namespace Terminal.Firmware.Tap
{
    public enum ProvisioningStatus
    {
        Ok = 0,

        /// <summary>No provisioning file on the drive: the terminal was never provisioned.</summary>
        Missing,

        /// <summary>The file is there but damaged (length, magic or CRC): re-provision.</summary>
        Corrupt,
    }
}

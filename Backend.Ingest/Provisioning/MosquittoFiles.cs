namespace Backend.Ingest.Provisioning;

/// <summary>
/// Mosquitto 2.0's view of the provisioned identities: the dynamic-security plugin's file
/// (<see cref="MosquittoDynamicSecurity"/>: clients, passwords as hashes, one role per identity) and a
/// mosquitto.conf snippet that loads the plugin on it and sets the queue and size limits (<see cref="MosquittoLimits"/>).
/// The plugin reads its file only at start (not on SIGHUP in 2.0.11), so a change takes a Mosquitto restart. With TLS
/// (<see cref="MosquittoTlsListener"/>) the snippet also declares the TLS listeners, and no plaintext one.
/// </summary>
public static class MosquittoFiles
{
    public const string DynamicSecurityFileName = "dynamic-security.json";
    public const string ConfigFileName = "busfare.conf";

    /// <summary>Where Debian's and Ubuntu's mosquitto package installs the plugin on x86-64.</summary>
    public const string DynamicSecurityPlugin = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";

    public static string ConfigSnippet(string directory, MosquittoLimits limits, MosquittoTlsListener? tls = null) =>
        $"""
        # Busfare broker security and limits (generated). Include from mosquitto.conf, e.g. `include_dir {directory}`.
        # The dynamic-security plugin reads its file only at start: after re-provisioning, restart Mosquitto
        # (systemctl restart mosquitto); SIGHUP does not apply it.
        allow_anonymous false
        plugin {DynamicSecurityPlugin}
        plugin_opt_config_file {Path.Combine(directory, DynamicSecurityFileName)}
        # Per client: the ingest subscribers take every terminal's batches, so their queue must hold a fleet's burst;
        # past it Mosquitto drops batches it has acknowledged (docs/ingest.md, sizing).
        max_queued_messages {limits.MaxQueuedMessages}
        max_inflight_messages {limits.MaxInflightMessages}
        max_packet_size {limits.MaxPacketSize}

        """ + tls?.ConfigLines(directory);

    /// <summary>
    /// Writes both files into <paramref name="directory"/>, each atomically; the one holding the hashes owner-only. Once
    /// <c>ca issue-broker</c> has run in the store's data directory, the TLS listener is written too (and the certificates).
    /// </summary>
    public static void Write(string directory, IngestCredentials ingest, TerminalCredentialStore store, MosquittoLimits limits) =>
        Write(directory, ingest, store, limits, MosquittoTlsListener.InDataDirectory(Path.GetDirectoryName(store.Path)!));

    /// <summary>As above with the TLS listeners given (<see cref="MosquittoTlsListener.From"/>); null writes none.</summary>
    public static void Write(string directory, IngestCredentials ingest, TerminalCredentialStore store, MosquittoLimits limits, MosquittoTlsListener? tls)
    {
        var fullDirectory = Path.GetFullPath(directory);
        tls?.CopyFiles(fullDirectory);
        AtomicFile.WriteAllText(Path.Combine(fullDirectory, DynamicSecurityFileName), MosquittoDynamicSecurity.File(ingest, store.Snapshot()), AtomicFile.OwnerOnly);
        AtomicFile.WriteAllText(Path.Combine(fullDirectory, ConfigFileName), ConfigSnippet(fullDirectory, limits, tls), AtomicFile.WorldReadable);
    }
}

using System.Diagnostics;
using Backend.Ingest.Provisioning;
using Xunit;

namespace Backend.Tests.Provisioning;

public sealed class MosquittoPasswordHashTests
{
    [Fact]
    public void AHashIsSpelledAsMosquittoSpellsItAndVerifiesOnlyItsPassword()
    {
        var hash = MosquittoPasswordHash.Create("s3cret", iterations: 101);
        var text = hash.ToString();

        var parts = text.Split('$');
        Assert.Equal(["", "7", "101"], parts[..3]);
        Assert.Equal(MosquittoPasswordHash.SaltBytes, Convert.FromBase64String(parts[3]).Length);
        Assert.Equal(MosquittoPasswordHash.HashBytes, Convert.FromBase64String(parts[4]).Length);
        Assert.True(MosquittoPasswordHash.TryParse(text, out var parsed));
        Assert.Equal(text, parsed!.ToString());
        Assert.True(parsed.Verify("s3cret"));
        Assert.False(parsed.Verify("s3cret "));
        Assert.NotEqual(text, MosquittoPasswordHash.Create("s3cret", iterations: 101).ToString());
    }

    [Theory]
    [InlineData("$6$AAAAAAAAAAAAAAAA$" + "AAAA")]
    [InlineData("$7$0$AAAAAAAAAAAAAAAA$AAAA")]
    [InlineData("$7$101$AAAAAAAAAAAAAAAAAAAA$AAAA")]
    [InlineData("$7$101$not base64!!$AAAA")]
    [InlineData("$7$101$AAAAAAAAAAAAAAAA")]
    [InlineData("plain")]
    public void WhatMosquittoWouldDropIsNotAHash(string text) => Assert.False(MosquittoPasswordHash.TryParse(text, out _));

    /// <summary>The proof of the format: a line written by the real mosquitto_passwd verifies here, and only with its password.</summary>
    [Fact]
    public async Task AHashWrittenByMosquittoPasswdVerifies()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var tool = Process.Start(new ProcessStartInfo(MosquittoPasswd(), ["-b", file, "terminal-3", "from mosquitto"]) { RedirectStandardError = true })!;
            await tool.WaitForExitAsync();
            Assert.Equal(0, tool.ExitCode);
            var line = (await File.ReadAllLinesAsync(file)).Single();

            Assert.StartsWith("terminal-3:$7$", line);
            Assert.True(MosquittoPasswordHash.TryParse(line["terminal-3:".Length..], out var hash));
            Assert.True(hash!.Verify("from mosquitto"));
            Assert.False(hash.Verify("from mosquittO"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string MosquittoPasswd() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin")
            .Select(directory => Path.Combine(directory, "mosquitto_passwd")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("mosquitto_passwd is not installed (scripts/test-services.sh installs the mosquitto package)");
}

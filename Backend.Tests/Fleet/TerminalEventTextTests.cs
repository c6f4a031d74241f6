using Backend.Ingest.Fleet;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Fleet;

/// <summary>The operator's words for terminal events: the journal rewind after a restore is named, not shown as an unknown code.</summary>
public sealed class TerminalEventTextTests
{
    [Fact]
    public void AJournalRewindIsNamedWithTheSequenceTheUploadStartsAgainFrom()
    {
        var (name, detail) = TerminalEventText.Describe((int)TerminalEventCode.JournalRewound, 4711, route: 7);

        Assert.Equal(13, (int)TerminalEventCode.JournalRewound);
        Assert.Equal("Journal rewound for a restored backend", name);
        Assert.Equal("uploading again from sequence 4711", detail);
    }
}

using Terminal.Drivers.Mifare;
using Xunit;

namespace Terminal.Tests.Mifare;

public sealed class DataBlockAccessTests
{
    private const int Read = DataBlockAccess.Read;
    private const int Write = DataBlockAccess.Write;
    private const int Increment = DataBlockAccess.Increment;
    private const int Decrement = DataBlockAccess.Decrement;

    // The datasheet's table for data blocks, written out per condition: key A rights, key B rights.
    [Theory]
    [InlineData(AccessCondition.DataOpen, Read | Write | Increment | Decrement, Read | Write | Increment | Decrement)]
    [InlineData(AccessCondition.DataReadOnly, Read, Read)]
    [InlineData(AccessCondition.DataWriteWithKeyB, Read, Read | Write)]
    [InlineData(AccessCondition.ValueRechargeable, Read | Decrement, Read | Write | Increment | Decrement)]
    [InlineData(AccessCondition.ValueDebitOnly, Read | Decrement, Read | Decrement)]
    [InlineData(AccessCondition.DataKeyBOnly, 0, Read | Write)]
    [InlineData(AccessCondition.DataReadWithKeyB, 0, Read)]
    [InlineData(AccessCondition.DataLocked, 0, 0)]
    public void GrantsExactlyTheDatasheetRights(int condition, int keyA, int keyB)
    {
        foreach (var operation in new[] { Read, Write, Increment, Decrement })
        {
            Assert.Equal((keyA & operation) != 0, DataBlockAccess.Allows(condition, MifareKeyType.A, operation));
            Assert.Equal((keyB & operation) != 0, DataBlockAccess.Allows(condition, MifareKeyType.B, operation));
        }
    }

    [Fact]
    public void SeveralOperationsNeedAllOfThem()
    {
        Assert.True(DataBlockAccess.Allows(AccessCondition.DataWriteWithKeyB, MifareKeyType.B, Read | Write));
        Assert.False(DataBlockAccess.Allows(AccessCondition.DataWriteWithKeyB, MifareKeyType.A, Read | Write));
    }
}

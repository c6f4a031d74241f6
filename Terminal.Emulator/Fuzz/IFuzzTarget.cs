namespace Terminal.Emulator.Fuzz;

/// <summary>
/// One parser under the fuzzer: valid inputs to start from, and a run over one input that returns normally for an
/// accepted or a refused input and throws for anything else (an unexpected exception, or a
/// <see cref="FuzzMismatchException"/> when a decode → encode → decode round trip differs).
/// </summary>
public interface IFuzzTarget
{
    string Name { get; }

    /// <summary>Valid inputs built with the real encoders, so the seeds follow the formats as they change.</summary>
    IReadOnlyList<byte[]> Seeds();

    void Run(byte[] input);
}

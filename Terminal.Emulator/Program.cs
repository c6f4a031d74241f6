namespace Terminal.Emulator;

/// <summary>The emulator's entry point. Named, so it never clashes with the backend's top-level Program it hosts.</summary>
public static class Program
{
    public static int Main(string[] args) => EmulatorCommands.Build().Parse(args).Invoke();
}

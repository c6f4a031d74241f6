using System.CommandLine;
using Terminal.Emulator;

return EmulatorCommands.Build().Parse(args).Invoke();

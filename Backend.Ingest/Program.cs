using Backend.Ingest.Hosting;
using Backend.Ingest.Provisioning;

if (ProvisioningCommands.Names(args))
{
    var operatorCommand = WebApplication.CreateBuilder(args);
    ProvisioningCommands.TryRun(args, operatorCommand.Configuration, operatorCommand.Environment.ContentRootPath, Console.Out, out var exitCode);
    return exitCode;
}

BackendApplication.Create(args).Run();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

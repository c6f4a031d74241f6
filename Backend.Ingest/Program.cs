using Backend.Ingest.Backup;
using Backend.Ingest.Hosting;
using Backend.Ingest.Identity;
using Backend.Ingest.Provisioning;
using Backend.Ingest.Storage.Schema;
using Backend.Ingest.Tls;

if (ProvisioningCommands.Names(args) || BackupCommands.Names(args) || args is [MigrateCommand.Name or CreateAdminCommand.Name or CertificateAuthorityCommand.Name, ..])
{
    var operatorCommand = WebApplication.CreateBuilder(args);
    var contentRoot = operatorCommand.Environment.ContentRootPath;
    if (args[0] == MigrateCommand.Name)
    {
        return MigrateCommand.Run(args, operatorCommand.Configuration, contentRoot, Console.Out);
    }

    if (args[0] == CertificateAuthorityCommand.Name)
    {
        return CertificateAuthorityCommand.Run(args, operatorCommand.Configuration, contentRoot, Console.Out);
    }

    if (BackupCommands.Names(args))
    {
        return BackupCommands.Run(args, operatorCommand.Configuration, contentRoot, Console.Out);
    }

    if (args[0] == CreateAdminCommand.Name)
    {
        return CreateAdminCommand.Run(args, operatorCommand.Configuration, contentRoot, Console.In, Console.Out);
    }

    ProvisioningCommands.TryRun(args, operatorCommand.Configuration, contentRoot, Console.Out, out var exitCode);
    return exitCode;
}

BackendApplication.Create(args).Run();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

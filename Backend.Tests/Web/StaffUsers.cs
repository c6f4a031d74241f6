using Backend.Ingest.Changes;
using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Backend.Tests.Web;

/// <summary>Staff members for the tests, created by the backend under test as an admin creates them.</summary>
internal static class StaffUsers
{
    /// <summary>Creates <paramref name="name"/> with <paramref name="roles"/>; returns the one-time password.</summary>
    public static async Task<string> CreateWithOneTimePasswordAsync(IServiceProvider services, string name, params string[] roles)
    {
        var request = ChangeRequests.Internal("staff.create", "test-setup", new { name, roles });
        await using var scope = services.CreateAsyncScope();
        var (outcome, password) = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(request, name, roles, null, CancellationToken.None);
        return password ?? throw new InvalidOperationException($"{name} was not created: {outcome.Body}");
    }

    /// <summary>Creates <paramref name="name"/> with <paramref name="roles"/> and a password of their own already chosen; returns it.</summary>
    public static async Task<string> CreateAsync(IServiceProvider services, string name, params string[] roles)
    {
        await CreateWithOneTimePasswordAsync(services, name, roles);
        var password = $"chosen-{Guid.NewGuid():N}";
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(name) ?? throw new InvalidOperationException($"{name} is not stored");
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.MustChangePassword = false;
        var saved = await users.UpdateSecurityStampAsync(user);
        return saved.Succeeded ? password : throw new InvalidOperationException(string.Join("; ", saved.Errors.Select(e => e.Description)));
    }
}

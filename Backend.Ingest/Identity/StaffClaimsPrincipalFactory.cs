using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Identity;

/// <summary>
/// The signed-in principal with a role claim per role. Identity's factory without a role manager adds none, and
/// roles here are the fixed <see cref="StaffRoles"/>, not rows of a role table, so there is no role manager.
/// </summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var role in await UserManager.GetRolesAsync(user))
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        }

        return identity;
    }
}

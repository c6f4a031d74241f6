using System.Data.Common;
using Backend.Ingest.CustomerService;
using Backend.Ingest.Identity;
using Backend.Ingest.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>The desk's search (customer service): one box finding cards, accounts and passengers (<see cref="CustomerSearch"/>).</summary>
[Authorize(Policy = StaffPolicies.ServeCustomers)]
public sealed class CustomerServiceModel(DbDataSource dataSource, ContactVault vault) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public CustomerSearch.Hits? Found { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        if (Q is null)
        {
            return;
        }

        Found = await CustomerSearch.FindAsync(dataSource, vault, Q, HttpContext.RequestAborted);
        if (Found is null)
        {
            Error = $"Type 1 to {CustomerSearch.MaxQueryLength} characters: a card number, an account id, an e-mail address, a phone number or a name.";
        }
    }
}

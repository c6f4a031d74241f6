using System.Net;
using System.Text.Json;
using Xunit;

namespace Backend.Tests.Api;

/// <summary>Checks an RFC 7807 answer: its status, media type, and the parameter its errors name.</summary>
internal static class ProblemAssert
{
    public static async Task IsValidationProblemAsync(HttpResponseMessage response, string parameter)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal([parameter], errors.EnumerateObject().Select(error => error.Name));
        Assert.False(string.IsNullOrWhiteSpace(errors.GetProperty(parameter)[0].GetString()));
    }
}

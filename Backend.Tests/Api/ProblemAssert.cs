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

    /// <summary>A refusal: its status, the problem media type, and a detail that says <paramref name="detail"/>.</summary>
    public static async Task HasDetailAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString());
        }
    }
}

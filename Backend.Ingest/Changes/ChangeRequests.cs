using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Backend.Ingest.Changes;

/// <summary>Builds the <see cref="ChangeRequest"/> of an HTTP request, and the refusals a change answers with.</summary>
public static class ChangeRequests
{
    /// <summary>
    /// The request for <paramref name="operation"/> under the client's key, by <see cref="StaffActor"/>; its fingerprint is
    /// the SHA-256 of <paramref name="content"/> (route values and the parsed body, as one object) in JSON, so the same
    /// content always gives the same fingerprint however the client spelled it.
    /// </summary>
    public static ChangeRequest For(HttpContext context, string idempotencyKey, string operation, object content) =>
        new(idempotencyKey, operation, StaffActor.Of(context), Fingerprint(content));

    /// <summary>
    /// The request of someone who does not sign in (a passenger on a public form), under the client's key like any other,
    /// audited as <paramref name="actor"/> whatever the caller claims to be.
    /// </summary>
    public static ChangeRequest Public(string idempotencyKey, string operation, string actor, object content) =>
        new(idempotencyKey, operation, actor, Fingerprint(content));

    /// <summary>A request made by the backend itself or a program hosting it, under a fresh key: it runs once, as every change does.</summary>
    public static ChangeRequest Internal(string operation, string actor, object content) =>
        new($"{operation}:{Guid.NewGuid():N}", operation, actor, Fingerprint(content));

    /// <summary>A refusal as RFC 9457 problem details; it rolls the change back and is not remembered under the key.</summary>
    public static ChangeResult Problem(int status, string title, string detail) =>
        new(status, new ProblemDetails { Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}", Title = title, Status = status, Detail = detail });

    private static string Fingerprint(object content) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(content, ChangeOutcome.Json))));
}

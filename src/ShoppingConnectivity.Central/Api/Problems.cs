using System.Text.Json;

namespace ShoppingConnectivity.Central.Api;

/// <summary>Problem-details answers that name what is wrong.</summary>
internal static class Problems
{
    public static IResult Status(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status);

    public static IResult Invalid(IReadOnlyList<string> errors) =>
        Results.Problem(
            title: "The request is invalid.",
            detail: string.Join(" ", errors.Take(20)) + (errors.Count > 20 ? $" (and {errors.Count - 20} more)" : ""),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>Reads a JSON body, answering 400 with the position of the fault when it cannot be read.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, JsonSerializerOptions options)
        where T : class
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                $"Send the body as application/json (got '{request.ContentType ?? "no content type"}')."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted);
            return value is null
                ? (null, Status(StatusCodes.Status400BadRequest, "The request body is empty.", "Send a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Status(StatusCodes.Status400BadRequest, "The request body is not valid JSON for this endpoint.",
                $"At {ex.Path ?? "$"} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}): {ex.Message}"));
        }
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ShoppingConnectivity.Central.Api;

/// <summary>Problem-details answers that name what is wrong.</summary>
internal static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    /// <summary>400 listing every error (the first 20 in the detail, all of them under "errors").</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<string> errors) =>
        TypedResults.Problem(
            title: "The request is invalid.",
            detail: string.Join(" ", errors.Take(20)) + (errors.Count > 20 ? $" (and {errors.Count - 20} more)" : ""),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>
    /// Reads a JSON body of at most <paramref name="maxBytes"/>, answering 413 past it, 415 for another content type
    /// and 400 with the position of the fault when it cannot be read.
    /// </summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, JsonSerializerOptions options, long maxBytes)
        where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return (null, Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                $"Send the body as application/json (got '{Printable(request.ContentType) ?? "no content type"}')."));
        }

        if (request.ContentLength > maxBytes) return (null, TooLarge(request.ContentLength.Value, maxBytes));

        try
        {
            // The limit holds for chunked bodies too (no Content-Length): counted while reading.
            await using var body = new LimitedReadStream(request.Body, maxBytes);
            var value = await JsonSerializer.DeserializeAsync<T>(body, options, request.HttpContext.RequestAborted);
            return value is null
                ? (null, Status(StatusCodes.Status400BadRequest, "The request body is empty.", "Send a JSON object."))
                : (value, null);
        }
        catch (LimitedReadStream.LimitExceededException)
        {
            return (null, TooLarge(null, maxBytes));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Status(ex.StatusCode, "The request body could not be read.", ex.Message));
        }
        catch (JsonException ex)
        {
            return (null, Status(StatusCodes.Status400BadRequest, "The request body is not valid JSON for this endpoint.",
                $"At {ex.Path ?? "$"} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}): {ex.Message}"));
        }
    }

    /// <summary>application/json (with parameters such as charset) or a +json type; not "application/jsonx".</summary>
    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult TooLarge(long? length, long maxBytes) =>
        Status(StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
            $"The body{(length is null ? "" : $" ({length} bytes)")} is larger than the {maxBytes} bytes this endpoint takes"
            + " (results: Central:Security:MaxResultsBodyKilobytes); send smaller batches.");

    /// <summary>A header value fit to quote back: printable ASCII, at most 100 characters.</summary>
    private static string? Printable(string? value) =>
        value is null ? null : new string(value.Take(100).Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace ShoppingConnectivity.Central.Api;

/// <summary>
/// Every refused API request is logged once, as one warning line with its status and the problem's own words (no stack
/// trace, never a body: bodies carry tokens and keys).
/// </summary>
internal static class ProblemLogging
{
    public static RouteGroupBuilder LogProblems(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            // A handler declaring its results (Results<Ok<T>, ProblemHttpResult>) returns the union; the problem is inside.
            if ((result is INestedHttpResult nested ? nested.Result : result) is ProblemHttpResult { StatusCode: >= 400 and < 500 } problem)
            {
                var http = context.HttpContext;
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ShoppingConnectivity.Central.Api.Refused")
                    .LogWarning("{Method} {Path} refused with {Status}: {Title} {Detail}", http.Request.Method, http.Request.Path,
                        problem.StatusCode, problem.ProblemDetails.Title, Shorten(problem.ProblemDetails.Detail));
            }

            return result;
        });
        return group;
    }

    private static string? Shorten(string? detail) => detail is { Length: > 500 } ? detail[..500] + "..." : detail;
}

namespace ShoppingConnectivity.Central.Api;

/// <summary>What an endpoint declares for the OpenAPI document beyond what its typed results say.</summary>
public static class ApiDescriptionExtensions
{
    /// <summary>
    /// The handler reads a JSON <typeparamref name="T"/> with <see cref="Problems.ReadJsonAsync{T}"/>: the body's schema,
    /// and its problems (400 unreadable or invalid, 413 too large, 415 not JSON).
    /// </summary>
    public static RouteHandlerBuilder ReadsJsonBody<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new JsonBodyMetadata(typeof(T)))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The endpoint takes <paramref name="scheme"/> (<see cref="ApiSecuritySchemes"/>) instead of a person's session.</summary>
    public static RouteHandlerBuilder RequiresScheme(this RouteHandlerBuilder endpoint, string scheme) =>
        endpoint.WithMetadata(new SecuritySchemeMetadata(scheme));

    /// <summary>Problem-details answers with these statuses, besides those of its typed results.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses) endpoint.ProducesProblem(status);
        return endpoint;
    }
}

namespace ShoppingConnectivity.Central.Api;

/// <summary>
/// Endpoint metadata for the OpenAPI document: the endpoint takes this scheme (<see cref="ApiSecuritySchemes"/>) rather
/// than a person's session, e.g. the agent token its own filter checks (invisible to the authorization metadata).
/// </summary>
public sealed record SecuritySchemeMetadata(string Scheme);

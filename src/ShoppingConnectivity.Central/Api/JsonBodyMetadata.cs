namespace ShoppingConnectivity.Central.Api;

/// <summary>
/// Endpoint metadata for the OpenAPI document: the handler reads a JSON body of this type itself
/// (<see cref="Problems.ReadJsonAsync{T}"/>, for its size limit and named errors). Not IAcceptsMetadata: routing would
/// then refuse other content types with a bare 415 before the handler can say what is wrong.
/// </summary>
public sealed record JsonBodyMetadata(Type Type);

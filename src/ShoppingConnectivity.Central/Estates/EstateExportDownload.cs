using Microsoft.Net.Http.Headers;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>An export opened for one answer: its file's content (the answer disposes it) and how it is labelled.</summary>
public sealed record EstateExportDownload(
    Stream Content,
    string ContentType,
    string FileName,
    EntityTagHeaderValue ETag,
    DateTimeOffset? LastModified);

using ShoppingConnectivity.Core.Alerts.Channels;

namespace ShoppingConnectivity.Central.Alerts.Channels;

/// <summary>A channel as configured, its secrets read; <see cref="UrlSource"/> and <see cref="SecretSource"/> say where from, never what.</summary>
public sealed record AlertChannel(
    string Name,
    ChannelKind Kind,
    Uri Url,
    string? Secret,
    ChannelFilter Filter,
    bool Enabled,
    string UrlSource,
    string? SecretSource)
{
    /// <summary>"https://prod-12.westeurope.logic.azure.com/…": scheme, host and port only, as the path and query hold the key.</summary>
    public string MaskedUrl => $"{Url.GetLeftPart(UriPartial.Authority)}/\u2026";

    /// <summary>The receiver cannot tell who sent a message: no signature, or no TLS.</summary>
    public bool Unencrypted => Url.Scheme == Uri.UriSchemeHttp;
}

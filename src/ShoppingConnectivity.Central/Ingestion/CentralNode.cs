namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>This central process among the nodes sharing one database (its notifications carry it).</summary>
public sealed class CentralNode
{
    public Guid Id { get; } = Guid.NewGuid();
}

namespace ShoppingConnectivity.Central.Jobs;

/// <summary>Where a periodic job runs when several central nodes share one PostgreSQL database.</summary>
public enum JobPlacement
{
    /// <summary>Works on this node's memory (edge freshness, estate sync): runs on every node.</summary>
    EveryNode,

    /// <summary>Works on the database (alert evaluation and delivery, roll-ups, retention): each fire runs on one node.</summary>
    OneNode,
}

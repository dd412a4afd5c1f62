namespace ShoppingConnectivity.Central.Audit;

/// <summary>One change made by a person: who, what, to what, when.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The user name, or "system" for changes central makes itself (the bootstrap admin).</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, as area.verb: user.create, smtp.save, agent.revoke, alert.acknowledge ...</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to: a user name, an agent id, an alert id ...</summary>
    public required string Target { get; set; }

    /// <summary>Readable details (never a secret: the SMTP page writes "password changed", not the password).</summary>
    public string? Details { get; set; }
}

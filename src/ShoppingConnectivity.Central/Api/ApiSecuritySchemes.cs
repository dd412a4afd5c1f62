namespace ShoppingConnectivity.Central.Api;

/// <summary>The names of the ways in the OpenAPI document (components/securitySchemes) that a caller proves who it is.</summary>
public static class ApiSecuritySchemes
{
    /// <summary>A person's sign-in cookie: every API but the agents'.</summary>
    public const string Session = "session";

    /// <summary>An agent's own bearer token, from its enrolment: the agent API.</summary>
    public const string AgentToken = "agentToken";

    /// <summary>An API token for scripts (scat_..., made by an Admin): taken wherever a person's session is under /api.</summary>
    public const string ApiToken = "apiToken";
}

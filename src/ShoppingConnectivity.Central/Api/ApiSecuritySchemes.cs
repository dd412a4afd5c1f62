namespace ShoppingConnectivity.Central.Api;

/// <summary>The names of the ways in the OpenAPI document (components/securitySchemes) that a caller proves who it is.</summary>
public static class ApiSecuritySchemes
{
    /// <summary>A person's sign-in cookie: every API but the agents'.</summary>
    public const string Session = "session";

    /// <summary>An agent's own bearer token, from its enrolment: the agent API.</summary>
    public const string AgentToken = "agentToken";

    /// <summary>A bearer token for scripts (issue 19); described already so endpoints can name it once it is taken.</summary>
    public const string ApiToken = "apiToken";
}

using ShoppingConnectivity.Central;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.History;
using ShoppingConnectivity.Central.Jobs;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddCentralOptions();
builder.AddCentralData();
builder.AddEstateAndLiveState();
builder.AddCentralApi();
builder.AddCentralHistory();
builder.AddCentralAlerts();
builder.AddCentralJobs();
builder.AddCentralUi();
builder.AddCentralSecurity();

var app = builder.Build();

await app.PrepareCentralAsync();
// Order matters: errors as problem details, headers on every answer, public assets before sign-in, then sign-in,
// roles (anything without a policy needs a signed-in Viewer), agent rate limits and antiforgery.
app.UseCentralErrors();
app.UseCentralSecurityHeaders();
app.UseCentralAssets();
app.UseCentralSecurity();
app.MapCentralApi();
app.MapCentralUi();
app.MapAccountEndpoints();

app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

using ShoppingConnectivity.Central;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.ApiDocs;
using ShoppingConnectivity.Central.ApiTokens;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Catalogue;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.History;
using ShoppingConnectivity.Central.Hosting;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Central.Jobs;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Metrics;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Central.TestNow;

var builder = WebApplication.CreateBuilder(args);

builder.AddCentralOptions();
builder.AddCentralShutdown();
builder.AddCentralData();
builder.AddCentralApi();
builder.AddCentralOpenApi();
builder.AddCatalogue();
builder.AddAudit();
builder.AddCentralSecurity();
builder.AddApiTokens();
builder.AddEstates();
builder.AddLive();
builder.AddAlerts();
builder.AddAgents();
builder.AddIngestion();
builder.AddTestNow();
builder.AddHistory();
builder.AddDiagram();
builder.AddCentralJobs();
builder.AddCentralMetrics();
builder.AddCentralUi();

var app = builder.Build();

await app.PrepareCentralAsync();
// Order matters: errors as problem details, headers on every answer, public assets before sign-in, then sign-in,
// roles (anything without a policy needs a signed-in Viewer), agent rate limits and antiforgery.
app.UseCentralErrors();
app.UseCentralSecurityHeaders();
app.UseCentralAssets();
app.UseCentralSecurity();
app.MapCentralHealth();
app.MapCentralMetrics();
app.MapCatalogueApi();
app.MapLiveApi();
app.MapEstateApi();
app.MapAgentApi();
app.MapIngestionApi();
app.MapTestNowApi();
app.MapHistoryApi();
app.MapAlertApi();
app.MapCentralOpenApi();
app.MapCentralUi();
app.MapAccountEndpoints();

app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

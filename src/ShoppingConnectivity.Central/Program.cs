using ShoppingConnectivity.Central;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.History;
using ShoppingConnectivity.Central.Jobs;
using ShoppingConnectivity.Central.Live;

var builder = WebApplication.CreateBuilder(args);

builder.AddCentralOptions();
builder.AddCentralData();
builder.AddEstateAndLiveState();
builder.AddCentralApi();
builder.AddCentralHistory();
builder.AddCentralAlerts();
builder.AddCentralJobs();
builder.AddCentralUi();

var app = builder.Build();

await app.PrepareCentralAsync();
app.MapCentralApi();
app.MapCentralUi();

app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

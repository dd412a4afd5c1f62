using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>Makes the store of the configured database (SQLite today; PostgreSQL joins here).</summary>
public sealed class IngestionStoreFactory(Func<IIngestionStore> create, Func<Exception, bool> isUnavailable)
{
    public IIngestionStore Create() => create();

    public bool IsUnavailable(Exception exception) => isUnavailable(exception);
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>One stored version of the estate, as the history list shows it.</summary>
public sealed record EstateVersion(long Version, DateTimeOffset UpdatedAt, string UpdatedBy, EstateSource Source, bool WithFile);

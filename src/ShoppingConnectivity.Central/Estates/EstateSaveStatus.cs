using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Estates;

public enum EstateSaveStatus
{
    Saved,
    Unchanged,
    Invalid,
    Conflict,
    Failed,
}

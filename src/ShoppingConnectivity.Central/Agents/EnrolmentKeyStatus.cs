using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Agents;

public enum EnrolmentKeyStatus
{
    Active,
    Expired,
    Revoked,
}

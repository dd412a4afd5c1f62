using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Agents;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>
/// Turns an enrolment with an accepted key into an agent, or into a request that waits for an Admin
/// (<see cref="EnrolmentPolicy"/>): a shared key never lets one host take over another's agent, undo a revoke or
/// enrol a host the estate does not list. Admins approve or reject waiting requests on the Agents page.
/// </summary>
public sealed class AgentEnrolment(
    IDbContextFactory<CentralDbContext> dbFactory,
    EstateStore estate,
    FlowCatalogue catalogue,
    IOptions<EnrolmentOptions> options,
    AgentTokenCache tokens,
    TimeProvider clock)
{
    /// <summary>
    /// Enrols <paramref name="request"/>'s host. <paramref name="presentedToken"/> is the bearer token the request came
    /// with, if any: the host's current agent proving itself gets a new token (re-keying) instead of waiting.
    /// </summary>
    public async Task<EnrolmentResult> EnrolAsync(
        EnrolmentRequest request, string? keyName, string address, string? presentedToken, CancellationToken cancellationToken = default)
    {
        var id = HostNames.Key(request.HostName);
        var inEstate = estate.Current.FindHost(request.HostName) is not null;
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var agent = await db.Agents.FindAsync([id], cancellationToken);
            var standing = agent is null ? AgentStanding.None : agent.RevokedAt is null ? AgentStanding.Active : AgentStanding.Revoked;
            var provesItself = agent is not null && presentedToken is { Length: > 0 } && AgentTokens.Matches(presentedToken, agent.TokenHash);
            var verdict = EnrolmentPolicy.Decide(inEstate, standing, provesItself);
            var token = AgentTokens.NewToken();
            if (verdict != EnrolmentVerdict.Enrol) return await WaitAsync(db, request, id, verdict, keyName, address, token, cancellationToken);

            if (agent is null)
            {
                agent = new AgentRecord { Id = id, HostName = request.HostName, TokenHash = "" };
                db.Agents.Add(agent);
            }

            agent.TokenHash = AgentTokens.Hash(token);
            agent.Version = request.Version;
            agent.ReportedRoles = RolesOf(request);
            agent.EnrolledAt = clock.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                tokens.Forget(id); // re-keyed: the old token stops working here at once
                return new EnrolmentResult(EnrolmentVerdict.Enrol, id, token);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Two enrolments for a new host at once: the other one won; decide again against it.
            }
        }
    }

    public async Task<IReadOnlyList<PendingEnrolmentView>> ListPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.PendingEnrolments.AsNoTracking().ToListAsync(cancellationToken);
        return pending.OrderByDescending(p => p.RequestedAt).Select(View).ToList();
    }

    /// <summary>
    /// Makes the request's token the host's agent token (replacing an agent that had the host, lifting a revoke) and
    /// drops the host's other waiting requests. Null when there is no such request (decided already).
    /// </summary>
    public async Task<PendingEnrolmentView?> ApproveAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.PendingEnrolments.FindAsync([requestId], cancellationToken);
        if (request is null) return null;
        await GrantAsync(db, request, cancellationToken);
        return View(request);
    }

    /// <summary>Drops a waiting request: its token never works. Null when there is no such request.</summary>
    public async Task<PendingEnrolmentView?> RejectAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.PendingEnrolments.FindAsync([requestId], cancellationToken);
        if (request is null) return null;
        db.PendingEnrolments.Remove(request);
        await db.SaveChangesAsync(cancellationToken);
        return View(request);
    }

    /// <summary>
    /// The waiting request whose token this is, for the agent's own answer ("waiting for an Admin"). A request that
    /// waited only because the estate did not list its host is granted here once the estate does and no agent has the
    /// host: then the result is null and <paramref name="granted"/> true.
    /// </summary>
    public async Task<(PendingEnrolmentView? Waiting, bool Granted)> FindWaitingAsync(string agentId, string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.PendingEnrolments.FirstOrDefaultAsync(p => p.TokenHash == tokenHash && p.AgentId == agentId, cancellationToken);
        if (request is null) return (null, false);
        if (request.Verdict == EnrolmentVerdict.PendingNotInEstate && estate.Current.FindHost(request.HostName) is not null
            && !await db.Agents.AnyAsync(a => a.Id == request.AgentId, cancellationToken))
        {
            await GrantAsync(db, request, cancellationToken);
            return (null, true);
        }

        return (View(request), false);
    }

    private async Task<EnrolmentResult> WaitAsync(
        CentralDbContext db, EnrolmentRequest request, string id, EnrolmentVerdict verdict, string? keyName, string address, string token,
        CancellationToken cancellationToken)
    {
        var o = options.Value;
        // The same host asking again from the same address replaces its request: a retrying agent takes one place.
        var earlier = await db.PendingEnrolments.Where(p => p.AgentId == id && p.Address == address).ToListAsync(cancellationToken);
        db.PendingEnrolments.RemoveRange(earlier);
        var fromAddress = await db.PendingEnrolments.CountAsync(p => p.Address == address, cancellationToken) - earlier.Count;
        if (fromAddress >= o.MaxPendingPerAddress)
        {
            return new EnrolmentResult(verdict, id, null,
                $"{fromAddress} enrolments from {address} already wait for an Admin (at most {o.MaxPendingPerAddress}, {EnrolmentOptions.Section}:MaxPendingPerAddress); an Admin must approve or reject them on the Agents page first.");
        }

        if (await db.PendingEnrolments.CountAsync(cancellationToken) - earlier.Count >= o.MaxPending)
        {
            return new EnrolmentResult(verdict, id, null,
                $"{o.MaxPending} enrolments already wait for an Admin ({EnrolmentOptions.Section}:MaxPending); an Admin must approve or reject them on the Agents page first.");
        }

        db.PendingEnrolments.Add(new PendingEnrolmentRecord
        {
            Id = Guid.NewGuid(),
            AgentId = id,
            HostName = request.HostName,
            TokenHash = AgentTokens.Hash(token),
            Verdict = verdict,
            Address = address,
            KeyName = keyName,
            Version = request.Version,
            ReportedRoles = RolesOf(request),
            RequestedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new EnrolmentResult(verdict, id, token);
    }

    private async Task GrantAsync(CentralDbContext db, PendingEnrolmentRecord request, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.FindAsync([request.AgentId], cancellationToken);
        if (agent is null)
        {
            agent = new AgentRecord { Id = request.AgentId, HostName = request.HostName, TokenHash = "" };
            db.Agents.Add(agent);
        }

        agent.HostName = request.HostName;
        agent.TokenHash = request.TokenHash;
        agent.Version = request.Version;
        agent.ReportedRoles = request.ReportedRoles;
        agent.EnrolledAt = clock.GetUtcNow();
        agent.RevokedAt = null;
        agent.RevokedBy = null;
        db.PendingEnrolments.RemoveRange(await db.PendingEnrolments.Where(p => p.AgentId == request.AgentId).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        tokens.Forget(request.AgentId);
    }

    private string? RolesOf(EnrolmentRequest request)
    {
        var roles = request.Roles ?? [];
        return roles.Count == 0 ? null : string.Join(",", roles.Select(r => catalogue.FindRole(r)!.Id).Distinct(StringComparer.Ordinal));
    }

    private PendingEnrolmentView View(PendingEnrolmentRecord p) => new(
        p.Id, p.AgentId, p.HostName, p.Verdict, EnrolmentPolicy.ReasonOf(p.Verdict), p.Address, p.KeyName, p.Version,
        string.IsNullOrEmpty(p.ReportedRoles) ? [] : p.ReportedRoles.Split(','), p.RequestedAt, estate.Current.FindHost(p.HostName) is not null);
}

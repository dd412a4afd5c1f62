# Agent: console worker that enrols with central, fetches its plan and runs the probes.
# Build from the repository root:  docker build -f docker/agent.Dockerfile .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first from project and props files only, so the package layer is reused
# until a csproj or a central package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ShoppingConnectivity.Contracts/ShoppingConnectivity.Contracts.csproj src/ShoppingConnectivity.Contracts/
COPY src/ShoppingConnectivity.Core/ShoppingConnectivity.Core.csproj src/ShoppingConnectivity.Core/
COPY src/ShoppingConnectivity.Agent/ShoppingConnectivity.Agent.csproj src/ShoppingConnectivity.Agent/
RUN dotnet restore src/ShoppingConnectivity.Agent

# Only the projects the agent builds from, so edits to central do not invalidate this stage.
COPY src/ShoppingConnectivity.Contracts/ src/ShoppingConnectivity.Contracts/
COPY src/ShoppingConnectivity.Core/ src/ShoppingConnectivity.Core/
COPY src/ShoppingConnectivity.Agent/ src/ShoppingConnectivity.Agent/
# Framework-dependent and RID-neutral, so the same publish runs on amd64 and arm64 images;
# no apphost because the entrypoint starts it with `dotnet`.
RUN dotnet publish src/ShoppingConnectivity.Agent -c Release -o /app --no-restore -p:UseAppHost=false

# A worker needs only the .NET runtime, not ASP.NET Core.
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS final
WORKDIR /app

# OpenLDAP's client library: System.DirectoryServices.Protocols loads it for LDAP (the agent's ldap probe, central's
# Active Directory sign-in). Its package name differs between Debian (libldap-2.5-0) and Ubuntu (libldap2) bases.
RUN apt-get update \
    && (apt-get install -y --no-install-recommends libldap-2.5-0 || apt-get install -y --no-install-recommends libldap2) \
    && rm -rf /var/lib/apt/lists/*

# The agent keeps its token here; create the mount point owned by the image's
# non-root `app` user and private to it (0700), so a fresh named volume inherits both.
RUN mkdir -p /var/lib/shopping-connectivity-agent \
    && chown "$APP_UID:$APP_UID" /var/lib/shopping-connectivity-agent \
    && chmod 0700 /var/lib/shopping-connectivity-agent
VOLUME /var/lib/shopping-connectivity-agent
ENV Agent__DataDirectory=/var/lib/shopping-connectivity-agent

COPY --from=build /app ./
USER $APP_UID

# No HEALTHCHECK: the agent serves nothing; central shows whether it reports.
ENTRYPOINT ["dotnet", "ShoppingConnectivity.Agent.dll"]

# Central: Blazor Server web app + agent API, SQLite under /data.
# Build from the repository root:  docker build -f docker/central.Dockerfile .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first from project and props files only, so the package layer is reused
# until a csproj or a central package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ShoppingConnectivity.Contracts/ShoppingConnectivity.Contracts.csproj src/ShoppingConnectivity.Contracts/
COPY src/ShoppingConnectivity.Core/ShoppingConnectivity.Core.csproj src/ShoppingConnectivity.Core/
COPY src/ShoppingConnectivity.Central/ShoppingConnectivity.Central.csproj src/ShoppingConnectivity.Central/
# The csproj sets RequiresAspNetWebAssets, so this restore keeps blazor.web.js although no .razor file is here yet.
RUN dotnet restore src/ShoppingConnectivity.Central

# Only the projects Central builds from, so edits to the agent do not invalidate this stage.
COPY src/ShoppingConnectivity.Contracts/ src/ShoppingConnectivity.Contracts/
COPY src/ShoppingConnectivity.Core/ src/ShoppingConnectivity.Core/
COPY src/ShoppingConnectivity.Central/ src/ShoppingConnectivity.Central/
# The csproj links ../../wwwroot-assets into the output as wwwroot-assets/.
COPY wwwroot-assets/ wwwroot-assets/
# Framework-dependent and RID-neutral, so the same publish runs on amd64 and arm64 images;
# no apphost because the entrypoint starts it with `dotnet`.
RUN dotnet publish src/ShoppingConnectivity.Central -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app

# OpenLDAP's client library: System.DirectoryServices.Protocols loads it for LDAP (the agent's ldap probe, central's
# Active Directory sign-in). Its package name differs between Debian (libldap-2.5-0) and Ubuntu (libldap2) bases.
RUN apt-get update \
    && (apt-get install -y --no-install-recommends libldap-2.5-0 || apt-get install -y --no-install-recommends libldap2) \
    && rm -rf /var/lib/apt/lists/*

# The SQLite file and the key ring live on a volume; create the mount point owned by the image's
# non-root `app` user and private to it (0700), so a fresh named volume inherits both.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data && chmod 0700 /data
VOLUME /data

# ASPNETCORE_HTTP_PORTS is cleared because the base image sets it and Kestrel warns
# when both it and ASPNETCORE_URLS are given.
ENV Central__DataDirectory=/data \
    ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS=""
EXPOSE 8080

COPY --from=build /app ./
USER $APP_UID

# The image has no curl or wget; bash's /dev/tcp is enough for a plain HTTP GET of /healthz.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["dotnet", "ShoppingConnectivity.Central.dll"]

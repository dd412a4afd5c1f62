#!/usr/bin/env bash
# Installs the system packages the tests use (Debian):
#   chromium                      browser tests
#   slapd                         LDAP / LDAPS probes (tests start their own slapd with a temp config)
#   libldap-2.5-0                 System.DirectoryServices.Protocols on Linux (the agent's ldap probe)
#   python3-aiosmtpd              SMTP probes and alert mail
#   dovecot-pop3d                 POP3 probes (own config, own port)
#   samba                         SMB negotiate (smbd) and the DCE/RPC endpoint mapper (samba-dcerpcd)
#   openssl                       an HTTPS server (s_server) for the https probe
#   iproute2 nftables             the firewall lab: network namespaces, veth pairs, DROP/REJECT rules
#   systemd                       systemd-analyze for the agent unit file tests (nothing is started)
#   fonts-dejavu-core             the diagram's label boxes are sized for DejaVu Sans
#   clang zlib1g-dev              Native AOT publish of the agent (the Linux install build), tested end to end
#   postgresql                    central on PostgreSQL (tests start a private cluster with initdb/pg_ctl in a temp folder)
#   prometheus                    Prometheus scraping central's /metrics (tests run their own server with a temp config)
#   haproxy                       the reverse proxy in front of two central nodes (rolling restart test; run as the test
#                                 user in the foreground with a generated config, never as the system service)
# Idempotent: does nothing when everything is already there. Installing never leaves slapd, dovecot, samba,
# postgresql or haproxy running as system services: the tests start their own instances and must find ports 389/110/445 free.
set -euo pipefail

# fonts-dejavu-core: the diagram's label boxes are sized for DejaVu Sans, the widest usual sans-serif font.
packages=(chromium fonts-dejavu-core systemd slapd libldap-2.5-0 python3-aiosmtpd dovecot-pop3d samba openssl iproute2 nftables clang zlib1g-dev postgresql haproxy prometheus)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing test prerequisites: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "Need root (or sudo) to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive

# Keep package scripts from starting the daemons (invoke-rc.d and deb-systemd-invoke honour policy-rc.d).
policy=/usr/sbin/policy-rc.d
added_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  added_policy=true
fi
cleanup() { if [ "$added_policy" = true ]; then "${sudo[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT

"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

# Belt and braces on machines with systemd: make sure none of them runs or starts at boot.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  for unit in slapd dovecot smbd nmbd samba-ad-dc postgresql haproxy prometheus prometheus-node-exporter; do
    "${sudo[@]}" systemctl disable --now "$unit" >/dev/null 2>&1 || true
  done
fi

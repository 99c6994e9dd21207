#!/usr/bin/env bash
# `npm run deploy`: build the Custom UI, then deploy with Atlassian's Forge CLI (README, "Install on your site").
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v forge >/dev/null 2>&1; then
  echo "The Forge CLI is not installed: run 'npm install -g @forge/cli', then 'forge login'." >&2
  exit 1
fi
# manifest.yml ships with a placeholder app id; 'forge register' gives the app its own.
if grep -q 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000' manifest.yml; then
  echo "manifest.yml still has the placeholder app id: run 'forge register' once first." >&2
  exit 1
fi
npm run build
forge deploy --non-interactive "$@"
echo "Deployed. Install it once per site: forge install --product jira --site <your-site>.atlassian.net"

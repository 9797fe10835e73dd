#!/usr/bin/env bash
# Installs everything (scripts/setup.sh), packages the extension, installs it into code-server (a real
# VS Code) and starts it on a copy of the built-in sample workspace, on 127.0.0.1 only.
#   PORT=8080 bash scripts/demo.sh      (default port 8080)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
npm run package

PORT=${PORT:-8080}
DEMO=.tools/demo
CODE_SERVER=.tools/code-server/node_modules/.bin/code-server
mkdir -p "$DEMO/user-data/User" "$DEMO/extensions"
[ -f "$DEMO/user-data/User/settings.json" ] || cat > "$DEMO/user-data/User/settings.json" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "git.openRepositoryInParentFolders": "never"
}
JSON
printf 'auth: none\ncert: false\n' > "$DEMO/config.yaml"
"$CODE_SERVER" --extensions-dir "$DEMO/extensions" --user-data-dir "$DEMO/user-data" --force --install-extension medreview.vsix >/dev/null

# A writable copy: ratings and the review database are created inside the workspace.
WORKSPACE="$DEMO/sample-workspace"
[ -d "$WORKSPACE" ] || cp -r media/sample-workspace "$WORKSPACE"
WORKSPACE=$(cd "$WORKSPACE" && pwd)

echo
echo "MedReview is starting in VS Code (code-server) on the sample workspace."
echo "Open:  http://127.0.0.1:$PORT/?folder=$WORKSPACE"
echo "Then run 'MedReview: Open Review Panel' from the command palette (F1), or click the MedReview icon in the activity bar."
echo "Stop with Ctrl+C."
echo
exec "$CODE_SERVER" --auth none --bind-addr "127.0.0.1:$PORT" --config "$DEMO/config.yaml" \
  --user-data-dir "$DEMO/user-data" --extensions-dir "$DEMO/extensions" \
  --disable-telemetry --disable-update-check --disable-workspace-trust "$WORKSPACE"

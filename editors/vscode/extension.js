// Starts `flowc lsp` for Python and YAML files (docs/editors.md).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("flowc");
  const command = config.get("path", "flowc");
  client = new LanguageClient(
    "flowc",
    "flowc",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "python" },
        { scheme: "untitled", language: "python" },
        { scheme: "file", language: "yaml" },
      ],
      initializationOptions: { debounceMs: config.get("debounceMs", 200) },
    },
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

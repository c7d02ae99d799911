"""`flowc lsp` under a stream of random edits: a few thousand insertions,
deletions and pastes of other examples, sent as incremental changes with
requests in between. The server must not crash, every response must be
well-formed (pytest-lsp checks each against the protocol's types), the
document it holds must stay the client's (its diagnostics equal those of the
same text opened afresh), and its memory must stay bounded."""
from __future__ import annotations

import asyncio
import os
import random
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import CASES, EXAMPLES
from test_lsp import diagnostics, server_command

EDITS = int(os.environ.get("FLOWC_LSP_FUZZ_EDITS", "3000"))
SNIPPETS = ["V1Container(", "image=", "{{inputs.parameters.", "{{tasks.", "}}", "self.", "@task\n", "@template\n",
            "    def x(self):\n", "return self.echo(", '"', "'", "(", ")", "[", "]", "{", "}", ":", "\n", "\t", "    ",
            "é", "😀", "\\", "#", 'f"{', "class A(Workflow):\n", "\r\n", "\x00"]


def sources() -> list:
    files = sorted(EXAMPLES.glob("*.py")) + sorted(CASES.glob("*/*/input.py"))[:40]
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


def lsp_position(text: str, offset: int) -> t.Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return t.Position(line=text.count("\n", 0, offset),
                      character=len(text[line_start:offset].encode("utf-16-le")) // 2)


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@pytest_lsp.fixture(config=ClientServerConfig(server_command=server_command()))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(t.InitializeParams(
        capabilities=t.ClientCapabilities(), initialization_options={"debounceMs": 5}))
    yield
    await lsp_client.shutdown_session()


def random_edit(rng: random.Random, text: str, corpus: list) -> tuple:
    """(start, end, replacement) as offsets into `text`."""
    n = len(text)
    op = rng.random()
    at = rng.randint(0, n)
    if op < 0.45:
        return at, at, rng.choice(SNIPPETS) if rng.random() < 0.7 else chr(rng.randint(32, 126))
    if op < 0.8:
        end = min(n, at + rng.choice([1, 1, 2, 5, 20, 200]))
        return at, end, ""
    if op < 0.95:  # a paste from another example
        other = rng.choice(corpus)
        a = rng.randint(0, len(other))
        return at, at, other[a:a + rng.randint(1, 400)]
    end = min(n, at + rng.randint(0, 50))
    return at, end, rng.choice(SNIPPETS)


@pytest.mark.asyncio
async def test_thousands_of_random_edits(client: LanguageClient, tmp_path):
    rng = random.Random(15)
    corpus = sources()
    text = corpus[0]
    path = tmp_path / "fuzz.py"
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        text_document=t.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
    await diagnostics(client, uri, 1)
    pid = client._server.pid
    version, warm, peak = 1, 0, 0
    for i in range(EDITS):
        changes = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):  # sometimes several changes in one notification
            start, end, new = random_edit(rng, text, corpus)
            changes.append(t.TextDocumentContentChangePartial(
                range=t.Range(start=lsp_position(text, start), end=lsp_position(text, end)), text=new))
            text = text[:start] + new + text[end:]
            if len(text) > 30_000:  # keep the document a realistic size
                cut = len(text) - 30_000
                changes.append(t.TextDocumentContentChangePartial(
                    range=t.Range(start=lsp_position(text, 0), end=lsp_position(text, cut)), text=""))
                text = text[cut:]
        version += 1
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=changes))
        if i % 25 == 0:  # the requests an editor sends while typing, at a random place
            doc = t.TextDocumentIdentifier(uri=uri)
            pos = lsp_position(text, rng.randint(0, len(text)))
            await client.text_document_completion_async(t.CompletionParams(text_document=doc, position=pos))
            await client.text_document_hover_async(t.HoverParams(text_document=doc, position=pos))
            await client.text_document_definition_async(t.DefinitionParams(text_document=doc, position=pos))
            await client.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=doc))
            await client.text_document_code_action_async(t.CodeActionParams(
                text_document=doc, range=t.Range(start=pos, end=pos), context=t.CodeActionContext(diagnostics=[])))
        if i == 500:
            warm = rss_kb(pid)
        if i % 100 == 0:
            peak = max(peak, rss_kb(pid))
            await asyncio.sleep(0.02)  # a pause: the debounced diagnostics run on this text
    # The server's text is the client's: its diagnostics are those of the same text opened afresh.
    version += 1
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[t.TextDocumentContentChangePartial(
            range=t.Range(start=lsp_position(text, 0), end=lsp_position(text, 0)), text="")]))
    incremental = await diagnostics(client, uri, version, timeout=60)
    fresh_uri = (tmp_path / "fuzz.py").as_uri() + "?fresh"  # same folder, another document
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        text_document=t.TextDocumentItem(uri=fresh_uri, language_id="python", version=1, text=text)))
    fresh = await diagnostics(client, fresh_uri, 1, timeout=60)
    assert [(d.code, d.range, d.message) for d in incremental] == [(d.code, d.range, d.message) for d in fresh]
    # Memory: what the server holds after thousands of edits is about what it held after 500.
    end = rss_kb(pid)
    assert warm > 0 and end < warm * 1.5 + 30_000, (warm, peak, end)
    assert client._server.returncode is None  # still running

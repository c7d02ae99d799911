"""`flowc lsp`: the language server, started as a process and driven by a real
LSP client (pytest-lsp, on pygls and lsprotocol, which also check that every
response is well-formed for the capabilities the client announced)."""
from __future__ import annotations

import asyncio
import os
import sys
import sysconfig
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "scripts"))


def server_command() -> list:
    """`flowc lsp`: the native executable pip installs beside this Python
    (FLOWC_LSP_SERVER=path/to/flowc: a build tree's, while working on it)."""
    exe = os.environ.get("FLOWC_LSP_SERVER") or str(Path(sysconfig.get_path("scripts")) / "flowc")
    return [exe, "lsp"]


SOURCE = '''from flowc.dsl import *


class Hello(Workflow):
    arguments = {"parameters": [{"name": "who", "value": "world"}]}

    @task
    def first(self):
        return self.echo(message="{{workflow.parameters.who}}")

    @task
    @dependencies(["first"])
    def second(self):
        return self.echo(message="{{tasks.first.outputs.parameters.out}}")

    @template
    @inputs.parameter(name="message")
    @outputs.parameter(name="out", value_from={"path": "/tmp/out"})
    def echo(self, message) -> V1Container:
        return V1Container(image="alpine:3.19", command=["sh", "-c", "echo {{inputs.parameters.message}} > /tmp/out"])
'''


def position(text: str, needle: str, extra: int = 0) -> t.Position:
    """The LSP position of `needle` (plus `extra` characters) in `text` (ASCII here)."""
    offset = text.index(needle) + extra
    line = text.count("\n", 0, offset)
    return t.Position(line=line, character=offset - (text.rfind("\n", 0, offset) + 1))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=server_command()))
async def client(lsp_client: LanguageClient):
    lsp_client.init_result = await lsp_client.initialize_session(
        t.InitializeParams(
            capabilities=t.ClientCapabilities(
                text_document=t.TextDocumentClientCapabilities(
                    hover=t.HoverClientCapabilities(content_format=[t.MarkupKind.Markdown]),
                    completion=t.CompletionClientCapabilities(
                        completion_item=t.ClientCompletionItemOptions(
                            documentation_format=[t.MarkupKind.Markdown])),
                    document_symbol=t.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
                    publish_diagnostics=t.PublishDiagnosticsClientCapabilities(related_information=True),
                    code_action=t.CodeActionClientCapabilities(
                        code_action_literal_support=t.ClientCodeActionLiteralOptions(
                            code_action_kind=t.ClientCodeActionKindOptions(value_set=[t.CodeActionKind.QuickFix]))),
                )),
            initialization_options={"debounceMs": 20},
        ))
    yield
    await lsp_client.shutdown_session()


async def open_doc(client: LanguageClient, path: Path, text: str) -> str:
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
    return uri


async def diagnostics(client: LanguageClient, uri: str, version: int, timeout: float = 30) -> list:
    """The next diagnostics published for `uri` at `version`. Called right
    after the notification that causes them is sent, before anything else is
    awaited, so they cannot arrive unseen."""
    async def wait():
        while True:
            params = await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)
    return await asyncio.wait_for(wait(), timeout)


def change(client: LanguageClient, uri: str, version: int, start: t.Position, end: t.Position, text: str):
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[t.TextDocumentContentChangePartial(range=t.Range(start=start, end=end), text=text)]))


@pytest.mark.asyncio
async def test_initialize_announces_the_features(client: LanguageClient):
    result = client.init_result
    assert result.server_info.name == "flowc"
    caps = result.capabilities
    assert caps.text_document_sync.change == t.TextDocumentSyncKind.Incremental
    assert caps.hover_provider and caps.definition_provider and caps.document_symbol_provider
    assert "." in caps.completion_provider.trigger_characters
    assert t.CodeActionKind.QuickFix in caps.code_action_provider.code_action_kinds


BROKEN = SOURCE.replace('V1Container(image=', 'V1Container(imag=')


@pytest.mark.asyncio
async def test_diagnostics_on_open_then_empty_after_the_fix(client: LanguageClient, tmp_path):
    uri = await open_doc(client, tmp_path / "hello.py", BROKEN)
    got = await diagnostics(client, uri, 1)
    assert [d.code for d in got] == ["E0104"]
    d = got[0]
    assert d.severity == t.DiagnosticSeverity.Error and d.source == "flowc"
    start = position(BROKEN, "imag=")
    assert d.range == t.Range(start=start, end=t.Position(line=start.line, character=start.character + 4))
    assert "unknown keyword 'imag' for V1Container" in d.message and "did you mean 'image'?" in d.message
    # Type the missing 'e': an incremental change, then the document is clean.
    at = t.Position(line=start.line, character=start.character + 4)
    change(client, uri, 2, at, at, "e")
    assert await diagnostics(client, uri, 2) == []


@pytest.mark.asyncio
async def test_code_action_applies_did_you_mean(client: LanguageClient, tmp_path):
    uri = await open_doc(client, tmp_path / "hello.py", BROKEN)
    got = await diagnostics(client, uri, 1)
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), range=got[0].range,
        context=t.CodeActionContext(diagnostics=got)))
    assert actions and actions[0].kind == t.CodeActionKind.QuickFix
    assert actions[0].title == "replace with 'image'"
    (edit,) = actions[0].edit.changes[uri]
    assert edit.new_text == "image" and edit.range == got[0].range
    # Apply it as an editor does; the server then finds nothing wrong.
    change(client, uri, 2, edit.range.start, edit.range.end, edit.new_text)
    assert await diagnostics(client, uri, 2) == []


@pytest.mark.asyncio
async def test_completion_of_model_keywords(client: LanguageClient, tmp_path):
    text = SOURCE.replace('V1Container(image="alpine:3.19", ', "V1Container(im")
    text = text.replace('command=["sh", "-c", "echo {{inputs.parameters.message}} > /tmp/out"])', "")
    uri = await open_doc(client, tmp_path / "hello.py", text)
    result = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position(text, "V1Container(im", 14)))
    items = {i.label: i for i in result.items}
    assert {"image", "image_pull_policy"} <= set(items)
    image = items["image"]
    assert image.text_edit.new_text == "image=" and image.detail.startswith("str")
    assert "Container image name" in image.documentation.value  # Argo's description


@pytest.mark.asyncio
async def test_completion_of_template_inputs_in_a_reference(client: LanguageClient, tmp_path):
    text = SOURCE.replace("{{inputs.parameters.message}} > /tmp/out", "{{inputs.parameters.")
    uri = await open_doc(client, tmp_path / "hello.py", text)
    result = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position(text, "{{inputs.parameters.", 20)))
    assert [i.label for i in result.items] == ["message"]
    # In a task: the other tasks, then their template's outputs.
    at = position(SOURCE, "{{tasks.", 8)
    uri2 = await open_doc(client, tmp_path / "other.py", SOURCE)
    result = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri2), position=at))
    assert [i.label for i in result.items] == ["first"]
    at = position(SOURCE, "{{tasks.first.outputs.parameters.", 33)
    result = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri2), position=at))
    assert [i.label for i in result.items] == ["out"]


@pytest.mark.asyncio
async def test_hover_on_a_model_and_a_reference(client: LanguageClient, tmp_path):
    uri = await open_doc(client, tmp_path / "hello.py", SOURCE)
    hover = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position(SOURCE, "V1Container(", 4)))
    assert hover.contents.kind == t.MarkupKind.Markdown
    assert "io.k8s.api.core.v1.Container" in hover.contents.value
    assert "A single application container that you want to run within a pod." in hover.contents.value
    hover = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri),
        position=position(SOURCE, "{{tasks.first.outputs.parameters.out}}", 35)))
    assert "Output parameter `out` of template `echo`" in hover.contents.value


@pytest.mark.asyncio
async def test_definition_of_a_template_call(client: LanguageClient, tmp_path):
    uri = await open_doc(client, tmp_path / "hello.py", SOURCE)
    result = await client.text_document_definition_async(t.DefinitionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position(SOURCE, "self.echo", 7)))
    start = position(SOURCE, "def echo", 4)
    assert result.uri == uri
    assert result.range == t.Range(start=start, end=t.Position(line=start.line, character=start.character + 4))
    # And from a {{tasks.X...}} reference to the task's method.
    result = await client.text_document_definition_async(t.DefinitionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position(SOURCE, "{{tasks.first", 10)))
    assert result.range.start == position(SOURCE, "def first", 4)


@pytest.mark.asyncio
async def test_document_symbols(client: LanguageClient, tmp_path):
    uri = await open_doc(client, tmp_path / "hello.py", SOURCE)
    symbols = await client.text_document_document_symbol_async(t.DocumentSymbolParams(
        text_document=t.TextDocumentIdentifier(uri=uri)))
    (hello,) = symbols
    assert hello.name == "Hello"
    assert [(c.name, c.detail) for c in hello.children] == [
        ("arguments", "setting"), ("first", "task"), ("second", "task"), ("echo", "template")]


@pytest.mark.asyncio
async def test_base_class_in_another_file_of_the_workspace(client: LanguageClient, tmp_path):
    (tmp_path / "base.py").write_text(
        "from flowc.dsl import *\n\n\nclass Base(WorkflowTemplate):\n    @template\n"
        "    def echo(self) -> V1Container:\n        return V1Container(image=\"alpine\", command=[\"echo\"])\n")
    text = ("from flowc.dsl import *\nfrom base import Base\n\n\nclass Child(Base):\n    @task\n"
            "    def a(self):\n        return self.echo()\n")
    uri = await open_doc(client, tmp_path / "child.py", text)
    assert await diagnostics(client, uri, 1) == []
    bad = text.replace("self.echo()", "self.eho()")
    uri = await open_doc(client, tmp_path / "child2.py", bad)
    (d,) = await diagnostics(client, uri, 1)
    assert d.code == "E0301" and "did you mean 'echo'?" in d.message


def test_model_docs_table_is_generated_from_the_spec():
    """compiler/lsp/model_docs_table.cpp is what scripts/gen_model_docs.py
    writes from Argo's specs (reference data in shared/, not in the repo)."""
    import gen_model_docs

    for rel, text in gen_model_docs.outputs(SHARED / "argo" / "versions").items():
        assert (ROOT / rel).read_text() == text, f"{rel} is stale: rerun scripts/gen_model_docs.py"


@pytest.mark.asyncio
async def test_argo_yaml_is_linted(client: LanguageClient, tmp_path):
    text = ("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: x-\nspec:\n"
            "  entrypoint: main\n  templates:\n  - name: main\n    container:\n      image: alpine\n      imagee: x\n")
    path = tmp_path / "w.yaml"
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    got = await diagnostics(client, uri, 1)
    assert got and got[0].range.start.line == 10, got


@pytest.mark.asyncio
async def test_the_project_python_version_counts(client: LanguageClient, tmp_path):
    """The document is read as the Python its pyproject.toml names (issue 20):
    `match` in a project that requires 3.9 is E0041; a change to
    pyproject.toml counts at the next compile (no stale answer)."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'w'\nrequires-python = '>=3.9'\n")
    text = SOURCE + "\n\ndef helper(x):\n    match x:\n        case 1:\n            return 1\n"
    uri = await open_doc(client, tmp_path / "hello.py", text)
    got = await diagnostics(client, uri, 1)
    assert [d.code for d in got] == ["E0041"], got
    assert "needs Python 3.10; this file is read as Python 3.9" in got[0].message
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'w'\nrequires-python = '>=3.10'\n")
    at = position(text, "def helper")
    change(client, uri, 2, at, at, "")  # any change: compiled again
    assert await diagnostics(client, uri, 2) == []
    (tmp_path / "pyproject.toml").write_text("[tool.flowc]\npython-version = '3.8'\n")
    change(client, uri, 3, at, at, "")
    got = await diagnostics(client, uri, 3)
    assert [d.code for d in got] == ["E0043"] and "python-version = '3.8'" in got[0].message

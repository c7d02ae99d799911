"""`flowc lsp` across the files of a workspace (issue 23): completion, hover
and go to definition through typed references (`Shared.echo(...)`) and base
classes imported from other files, and diagnostics of open callers published
again when the shared file changes (edited in the editor, saved, or changed
on disk). The real server process, driven by pytest-lsp's client."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types as t
from pytest_lsp import LanguageClient

from test_lsp import client, diagnostics, open_doc, position  # noqa: F401  (client: the fixture)

SHARED = '''from flowc.dsl import V1Container, WorkflowTemplate, inputs, outputs, template


class Shared(WorkflowTemplate):
    @template
    @inputs.parameter(name="message")
    @inputs.parameter(name="times", default="1")
    def echo(self, message, times):
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"])

    @template
    @outputs.parameter(name="digest", value_from={"path": "/tmp/digest"})
    def build_image(self):
        return V1Container(image="alpine:3.19", command=["true"])
'''

CALLER = '''from flowc.dsl import Workflow, task

from flows.shared import Shared


class Release(Workflow):
    @task
    def hello(self):
        return Shared.echo(message="hi")
'''


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "__init__.py").write_text("")
    (tmp_path / "flows" / "shared.py").write_text(SHARED)
    return tmp_path


@pytest.mark.asyncio
async def test_completion_of_a_referenced_templates_inputs_from_another_file(client: LanguageClient, workspace):
    text = CALLER.replace('Shared.echo(message="hi")', "Shared.echo(")
    uri = await open_doc(client, workspace / "flows" / "caller.py", text)
    result = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position(text, "Shared.echo(", len("Shared.echo("))))
    labels = {i.label: i for i in result.items}
    assert {"message", "times"} <= set(labels), labels
    assert labels["message"].text_edit.new_text == "message="
    # `Shared.` lists the class's templates.
    text2 = CALLER.replace('Shared.echo(message="hi")', "Shared.")
    uri2 = await open_doc(client, workspace / "flows" / "caller2.py", text2)
    result = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri2), position=position(text2, "Shared.", len("Shared."))))
    assert {"echo", "build_image"} <= {i.label for i in result.items}


@pytest.mark.asyncio
async def test_definition_and_hover_go_into_the_other_file(client: LanguageClient, workspace):
    uri = await open_doc(client, workspace / "flows" / "caller.py", CALLER)
    at = position(CALLER, "Shared.echo", len("Shared.e"))
    loc = await client.text_document_definition_async(t.DefinitionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=at))
    loc = loc[0] if isinstance(loc, list) else loc
    assert loc.uri == (workspace / "flows" / "shared.py").as_uri()
    assert loc.range.start == position(SHARED, "def echo", len("def "))
    # The class name goes to the class.
    loc = await client.text_document_definition_async(t.DefinitionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position(CALLER, "Shared.echo", 2)))
    loc = loc[0] if isinstance(loc, list) else loc
    assert loc.range.start == position(SHARED, "class Shared", len("class "))
    hover = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=at))
    assert "echo" in hover.contents.value and "message" in hover.contents.value
    assert "shared.py" in hover.contents.value


@pytest.mark.asyncio
async def test_base_class_templates_of_another_file(client: LanguageClient, workspace):
    (workspace / "flows" / "base.py").write_text(SHARED.replace("WorkflowTemplate", "Workflow").replace(
        "class Shared(Workflow)", "class Base(Workflow)"))
    text = '''from flowc.dsl import task

from .base import Base


class Child(Base):
    @task
    def hello(self):
        return self.echo(message="hi")
'''
    uri = await open_doc(client, workspace / "flows" / "child.py", text)
    loc = await client.text_document_definition_async(t.DefinitionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position(text, "self.echo", len("self.e"))))
    loc = loc[0] if isinstance(loc, list) else loc
    assert loc.uri == (workspace / "flows" / "base.py").as_uri()
    result = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=position(text, "self.echo(", len("self.echo("))))
    assert "times" in {i.label for i in result.items}


@pytest.mark.asyncio
async def test_diagnostics_of_callers_follow_the_shared_file(client: LanguageClient, workspace):
    shared_path = workspace / "flows" / "shared.py"
    uri = await open_doc(client, workspace / "flows" / "caller.py", CALLER)
    assert await diagnostics(client, uri, 1) == []
    # The shared file, opened and edited (not saved): the input is renamed.
    shared_uri = shared_path.as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
        uri=shared_uri, language_id="python", version=1, text=SHARED)))
    renamed = SHARED.replace('name="message"', 'name="text"').replace("{{inputs.parameters.message}}", "{{inputs.parameters.text}}")
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=shared_uri, version=2),
        content_changes=[t.TextDocumentContentChangeWholeDocument(text=renamed)]))
    found = await diagnostics(client, uri, 1)
    codes = sorted(str(d.code) for d in found)
    assert codes == ["E1304", "E1305"], found
    e1304 = next(d for d in found if d.code == "E1304")
    assert e1304.range.start == position(CALLER, "message=")
    assert any(r.location.uri == shared_uri for r in e1304.related_information)
    # Closed unsaved, then changed on disk and reported by the client's file watcher.
    client.text_document_did_close(t.DidCloseTextDocumentParams(text_document=t.TextDocumentIdentifier(uri=shared_uri)))
    await asyncio.sleep(0.5)  # its empty diagnostics come first: not to be mistaken for the callers'
    shared_path.write_text(renamed)
    client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(
        changes=[t.FileEvent(uri=shared_uri, type=t.FileChangeType.Changed)]))
    found = await diagnostics(client, uri, 1)
    assert sorted(str(d.code) for d in found) == ["E1304", "E1305"], found
    # Fixed on disk and saved from the editor: clean again.
    shared_path.write_text(SHARED)
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
        uri=shared_uri, language_id="python", version=3, text=SHARED)))
    await asyncio.sleep(0.5)  # its own diagnostics come first
    client.text_document_did_save(t.DidSaveTextDocumentParams(text_document=t.TextDocumentIdentifier(uri=shared_uri)))
    assert await diagnostics(client, uri, 1) == []


LIBRARY_YAML = '''apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: yaml-library
spec:
  templates:
  - name: greet
    inputs:
      parameters:
      - name: who
    container:
      image: alpine:3.19
'''

STRING_CALLER = '''from flowc.dsl import V1alpha1TemplateRef, Workflow, task


class Caller(Workflow):
    @task
    def greet(self):
        return V1alpha1TemplateRef(name="yaml-library", template="greet")
'''

YAML_CALLER = '''apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: yaml-caller-
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: hello
        templateRef:
          name: shared
          template: echo
'''


@pytest.mark.asyncio
async def test_string_references_are_checked_against_the_folders_templates(client: LanguageClient, workspace):
    """Issue 23: the editor checks a string templateRef against the
    WorkflowTemplates of the document's folder, Python or YAML, as `flowc
    compile`/`flowc lint` of the folder do; a change to that file re-checks."""
    library = workspace / "flows" / "library.yaml"
    library.write_text(LIBRARY_YAML)
    uri = await open_doc(client, workspace / "flows" / "caller.py", STRING_CALLER)
    found = await diagnostics(client, uri, 1)
    assert [str(d.code) for d in found] == ["E0704"], found  # 'who' is not supplied
    assert "inputs.parameters.who was not supplied" in found[0].message
    # A YAML workflow calling the Python WorkflowTemplate of the folder without its input.
    yaml_path = workspace / "flows" / "yaml_caller.yaml"
    yaml_path.write_text(YAML_CALLER)
    yaml_uri = yaml_path.as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
        uri=yaml_uri, language_id="yaml", version=1, text=YAML_CALLER)))
    found = await diagnostics(client, yaml_uri, 1)
    assert [str(d.code) for d in found] == ["E0704"], found
    assert "inputs.parameters.message was not supplied" in found[0].message
    # The YAML template gains a default on disk: the Python caller is clean again.
    library.write_text(LIBRARY_YAML.replace("      - name: who\n", "      - name: who\n        value: world\n"))
    client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(
        changes=[t.FileEvent(uri=library.as_uri(), type=t.FileChangeType.Changed)]))
    assert await diagnostics(client, uri, 1) == []

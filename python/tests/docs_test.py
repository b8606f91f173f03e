"""Every ```python example of docs/python.md runs, from the source tree, without an error."""
import os
import re

import pytest

from conftest import SOURCE

DOC = os.path.join(SOURCE, "docs", "python.md")
with open(DOC) as f:
    BLOCKS = re.findall(r"```python\n(.*?)```", f.read(), re.S)


def test_the_page_has_examples():
    assert len(BLOCKS) >= 5


@pytest.mark.parametrize("code", BLOCKS, ids=[f"example{i + 1}" for i in range(len(BLOCKS))])
def test_example_runs(code, monkeypatch, capsys):
    monkeypatch.chdir(SOURCE)
    exec(compile(code, DOC, "exec"), {})
    assert capsys.readouterr().out

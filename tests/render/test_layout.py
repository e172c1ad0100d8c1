"""The Renderer's parsed stylesheets in a warm process: kept while the styles folder is unchanged."""
from __future__ import annotations

import shutil
from pathlib import Path

from edition.profiles import profile_named
from edition.render.layout import Renderer
from edition.styles import PACKAGE_STYLES


def _renderer(tmp_path: Path) -> tuple[Renderer, Path]:
    styles = tmp_path / "styles"
    shutil.copytree(PACKAGE_STYLES, styles)
    (tmp_path / "source").mkdir()
    return Renderer(styles, tmp_path / "source", profile_named("screen")), styles


def test_unchanged_stylesheets_are_not_parsed_again(tmp_path):
    renderer, _styles = _renderer(tmp_path)
    renderer.forget_changed_stylesheets()
    sheets = renderer.stylesheets()
    renderer.forget_changed_stylesheets()
    assert renderer.stylesheets() is sheets


def test_a_changed_stylesheet_is_parsed_again_and_lays_out_with_its_rules(tmp_path):
    renderer, styles = _renderer(tmp_path)
    renderer.forget_changed_stylesheets()
    sheets = renderer.stylesheets()
    html = "<html lang='en'><body><p>Gomułka, Хрущёв, 刘少奇</p></body></html>"
    before = renderer.render(html)[0].pages[0].width
    css = styles / "edition.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n@page { size: 300px 400px }\n", encoding="utf-8")
    renderer.forget_changed_stylesheets()
    assert renderer.stylesheets() is not sheets
    assert renderer.render(html)[0].pages[0].width == 300 != before

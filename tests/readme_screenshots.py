"""Screenshots of the demo site for the README (light, dark, palette, phone): `make screenshots`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port, serve_directory

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "assets" / "readme"


def main() -> int:
    port = free_port()
    with tempfile.TemporaryDirectory() as site_dir:
        config = load_config(
            config_file=str(REPO / "mkdocs.yml"),
            site_dir=site_dir,
            site_url=f"http://127.0.0.1:{port}/",
        )
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        with serve_directory(Path(site_dir), port) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for scheme in ("light", "dark"):
                page = browser.new_page(
                    viewport={"width": 1280, "height": 860}, color_scheme=scheme
                )
                page.goto(base)
                page.wait_for_timeout(400)
                page.screenshot(path=str(OUT / f"home-{scheme}.png"))
                if scheme == "light":
                    page.keyboard.press("Control+k")
                    page.keyboard.type("rsync", delay=30)
                    page.wait_for_timeout(300)
                    page.screenshot(path=str(OUT / "palette.png"))
                page.close()
            phone = browser.new_page(
                viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
            )
            phone.goto(base)
            phone.wait_for_timeout(400)
            phone.screenshot(path=str(OUT / "phone.png"))
            phone.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
